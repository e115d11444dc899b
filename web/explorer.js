// Vigie explorer: filters -> /api/events, /api/timeseries, /api/dyads, /api/places; a click on
// an event opens its sentence with the trigger and actors highlighted, its modality, attribution,
// rule and every mention of its cluster. No network beyond the serving `vigie serve`.
'use strict';

const PAGE_SIZE = 50;
const QUAD_COLOURS = {1: '#2c7fb8', 2: '#1a9850', 3: '#f39c12', 4: '#c0392b'};
const state = {offset: 0, total: 0, selected: null};
let map = null, markers = null;

function $(selector) { return document.querySelector(selector); }

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  }
  return node;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($('#filters'))) {
    if (String(value).trim()) params.set(key, String(value).trim());
  }
  return params;
}

async function api(path, params = new URLSearchParams()) {
  const response = await fetch(path + (params.toString() ? '?' + params : ''));
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// Spans are UTF-8 byte offsets into the document field; the sentence starts at sentenceBegin.
function highlight(sentence, sentenceBegin, marks) {
  const bytes = new TextEncoder().encode(sentence);
  const decoder = new TextDecoder();
  const spans = marks.filter((m) => m.span)
      .map((m) => ({cls: m.cls, begin: m.span[0] - sentenceBegin, end: m.span[1] - sentenceBegin}))
      .filter((m) => m.begin >= 0 && m.end <= bytes.length && m.begin < m.end)
      .sort((a, b) => a.begin - b.begin);
  const node = el('p', {class: 'sentence'});
  let at = 0;
  for (const span of spans) {
    if (span.begin < at) continue;  // overlapping marks: keep the first
    node.append(decoder.decode(bytes.slice(at, span.begin)));
    node.append(el('mark', {class: span.cls}, decoder.decode(bytes.slice(span.begin, span.end))));
    at = span.end;
  }
  node.append(decoder.decode(bytes.slice(at)));
  return node;
}

// Where an event happened, saying when the place is an approximation (`match` in OUTPUT.md's
// places: "part" = a place named inside the toponym, "context" = a toponym the gazetteer lacks,
// shown at the document's nearest place).
function placeLabel(place) {
  if (!place) return 'unknown';
  const where = `${place.name || place.text} ${place.country || ''}`;
  if (place.match === 'context') return `${place.text}: not in the gazetteer, shown at ${where}`;
  if (place.match === 'part') return `${place.text}: read as ${where}`;
  return where;
}

function actorLabel(actor) {
  if (!actor) return '-';
  return actor.code ? `${actor.code} (${actor.text})` : `? (${actor.text})`;
}

async function showEvent(id) {
  const event = await api(`/api/events/${id}`);
  state.selected = id;
  for (const row of document.querySelectorAll('#events tbody tr')) {
    row.classList.toggle('selected', row.dataset.id === String(id));
  }
  const sentenceBegin = event.sentence_span[0];
  const marks = [
    {cls: 'trigger', span: event.span},
    {cls: 'source', span: event.source && event.source.span},
    {cls: 'target', span: event.target && event.target.span},
    {cls: 'attribution', span: event.attribution && event.attribution.span},
  ];
  const mentions = await api('/api/events', new URLSearchParams({cluster: event.cluster, limit: 200}));
  const mentionList = el('ul', {id: 'mentions'});
  for (const mention of mentions.events) {
    const link = el('a', {href: '#', 'data-id': mention.id},
        `${mention.news_source} — ${mention.document_id} (${mention.date || 'undated'}, ${mention.modality})`);
    link.addEventListener('click', (e) => { e.preventDefault(); showEvent(mention.id); });
    mentionList.append(el('li', {}, link));
  }
  const facts = el('dl', {class: 'facts'});
  const fact = (name, value) => facts.append(el('dt', {}, name), el('dd', {}, value));
  fact('event', `${event.cameo} ${event.cameo_name} (quad class ${event.quad_class}, Goldstein ${event.goldstein})`);
  fact('PLOVER', [event.plover.type, event.plover.mode].filter(Boolean).join(' / ') || '-');
  fact('source', actorLabel(event.source));
  fact('target', actorLabel(event.target));
  fact('modality', el('span', {class: `modality-${event.modality}`}, event.modality));
  fact('attribution', event.attribution ? actorLabel(event.attribution) : 'none (the paper\'s own voice)');
  fact('date', event.date ? `${event.date} (${event.date_source})` : 'unknown');
  fact('place', placeLabel(event.location));
  fact('rule', el('code', {}, event.rule));
  const source = event.url ? el('a', {href: event.url, rel: 'noreferrer'}, event.document_id) : event.document_id;
  fact('document', el('span', {}, source, ` — ${event.news_source}, ${event.published || ''}`));
  $('#event-body').replaceChildren(
      highlight(event.sentence, sentenceBegin, marks), facts,
      el('h3', {}, `Mentions of this event (${mentions.total})`), mentionList);
  $('#event-view').hidden = false;
}

function renderEvents(body) {
  state.total = body.total;
  $('#events-count').textContent =
      `(${body.total ? body.offset + 1 : 0}–${body.offset + body.events.length} of ${body.total})`;
  const rows = body.events.map((event) => {
    const row = el('tr', {'data-id': event.id},
        el('td', {}, event.date || '-'),
        el('td', {class: 'source'}, event.source ? (event.source.code || '?') : '-'),
        el('td', {}, `${event.cameo} ${event.cameo_name}`),
        el('td', {class: 'target'}, event.target ? (event.target.code || '?') : '-'),
        el('td', {class: `modality-${event.modality}`}, event.modality),
        el('td', {}, event.cluster));
    row.addEventListener('click', () => showEvent(event.id));
    return row;
  });
  $('#events tbody').replaceChildren(...rows);
  $('#prev').disabled = body.offset === 0;
  $('#next').disabled = body.offset + body.events.length >= body.total;
}

function renderTimeline(days) {
  const chart = $('#timeline');
  chart.replaceChildren();
  const width = chart.clientWidth || 600, height = chart.clientHeight || 300, pad = 30;
  const dates = [...new Set(days.map((d) => d.date))].sort();
  if (!dates.length) {
    const text = svg('text', {x: 10, y: 20});
    text.textContent = 'no dated events';
    chart.append(text);
    return;
  }
  const totals = {};
  for (const d of days) totals[d.date] = (totals[d.date] || 0) + d.events;
  const max = Math.max(...Object.values(totals));
  const barWidth = Math.min(40, Math.max(2, (width - pad) / dates.length - 2));
  dates.forEach((date, i) => {
    let y = height - pad;
    for (const quad of [1, 2, 3, 4]) {
      const day = days.find((d) => d.date === date && d.quad_class === quad);
      if (!day) continue;
      const h = (day.events / max) * (height - 2 * pad);
      y -= h;
      const rect = svg('rect', {x: pad + i * (barWidth + 2), y, width: barWidth, height: h,
                                fill: QUAD_COLOURS[quad]});
      const title = svg('title');
      title.textContent = `${date}: ${day.events} event(s), quad class ${quad}`;
      rect.append(title);
      chart.append(rect);
    }
  });
  for (const [i, date] of [[0, dates[0]], [dates.length - 1, dates[dates.length - 1]]]) {
    const label = svg('text', {x: pad + i * (barWidth + 2), y: height - 10, 'font-size': 10});
    label.textContent = date;
    chart.append(label);
  }
  const top = svg('text', {x: 2, y: pad, 'font-size': 10});
  top.textContent = String(max);
  chart.append(top);
}

function renderNetwork(dyads) {
  const chart = $('#network');
  chart.replaceChildren();
  const width = chart.clientWidth || 600, height = chart.clientHeight || 300;
  const volume = {};
  for (const d of dyads) {
    volume[d.source] = (volume[d.source] || 0) + d.events;
    volume[d.target] = (volume[d.target] || 0) + d.events;
  }
  const actors = Object.keys(volume).sort((a, b) => volume[b] - volume[a]).slice(0, 24);
  const position = {};
  const radius = Math.min(width, height) / 2 - 40;
  actors.forEach((code, i) => {
    const angle = (2 * Math.PI * i) / actors.length - Math.PI / 2;
    position[code] = [width / 2 + radius * Math.cos(angle), height / 2 + radius * Math.sin(angle)];
  });
  const maxEvents = Math.max(1, ...dyads.map((d) => d.events));
  for (const d of dyads) {
    if (!position[d.source] || !position[d.target] || d.source === d.target) continue;
    const tone = Math.max(-10, Math.min(10, d.mean_goldstein));
    const colour = tone < 0 ? `rgb(${150 + tone * -10},40,40)` : `rgb(40,${120 + tone * 12},60)`;
    const line = svg('line', {x1: position[d.source][0], y1: position[d.source][1],
                              x2: position[d.target][0], y2: position[d.target][1],
                              stroke: colour, 'stroke-width': 1 + (5 * d.events) / maxEvents,
                              'stroke-opacity': 0.7});
    const title = svg('title');
    title.textContent = `${d.source} → ${d.target}: ${d.events} event(s), mean Goldstein ${d.mean_goldstein.toFixed(1)}`;
    line.append(title);
    chart.append(line);
  }
  for (const code of actors) {
    const [x, y] = position[code];
    const node = svg('circle', {cx: x, cy: y, r: 4 + Math.sqrt(volume[code]) * 2, fill: '#1d2b3a',
                                class: 'actor', 'data-code': code});
    node.addEventListener('click', () => {
      $('#f-actor').value = code;
      refresh(true);
    });
    const label = svg('text', {x: x + 8, y: y - 6, 'font-size': 11});
    label.textContent = code;
    chart.append(node, label);
  }
}

function renderMap(places) {
  markers.clearLayers();
  for (const place of places) {
    L.circleMarker([place.lat, place.lon], {radius: 4 + Math.sqrt(place.events) * 2,
                                            color: '#c0392b', weight: 1, fillOpacity: 0.6})
        .bindTooltip(`${place.name} ${place.country}: ${place.events} event(s)`)
        .addTo(markers);
  }
  $('#map-note').textContent = places.length
      ? `${places.length} place(s)` : 'No event of this selection has a known place.';
}

async function refresh(resetOffset) {
  if (resetOffset) state.offset = 0;
  const params = filterParams();
  const page = new URLSearchParams(params);
  page.set('limit', PAGE_SIZE);
  page.set('offset', state.offset);
  $('#status').textContent = 'loading…';
  try {
    const [events, days, dyads, places] = await Promise.all([
      api('/api/events', page), api('/api/timeseries', params),
      api('/api/dyads', new URLSearchParams([...params, ['limit', 200]])),
      api('/api/places', new URLSearchParams([...params, ['limit', 1000]]))]);
    renderEvents(events);
    renderTimeline(days.days);
    renderNetwork(dyads.dyads);
    renderMap(places.places);
    $('#status').textContent = '';
  } catch (error) {
    $('#status').textContent = `error: ${error.message}`;
  }
}

async function initMap() {
  map = L.map('map', {worldCopyJump: true, attributionControl: false}).setView([20, 20], 2);
  markers = L.layerGroup().addTo(map);
  try {
    const atlas = await (await fetch('/vendor/world-atlas/countries-110m.json')).json();
    L.geoJSON(topojson.feature(atlas, atlas.objects.countries),
              {style: {color: '#777', weight: 0.5, fillColor: '#f2efe6', fillOpacity: 1}})
        .addTo(map).bringToBack();
  } catch (error) {
    $('#map-note').textContent = `base map unavailable: ${error.message}`;
  }
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); refresh(true); });
$('#filters').addEventListener('reset', () => setTimeout(() => refresh(true), 0));
$('#prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); refresh(false); });
$('#next').addEventListener('click', () => { state.offset += PAGE_SIZE; refresh(false); });
initMap().then(() => refresh(true));
