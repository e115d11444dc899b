#include "document/document_json.h"

namespace vigie {
namespace {

using nlohmann::json;

json null_if_empty(const std::string& value) { return value.empty() ? json(nullptr) : json(value); }

json span_json(Span span) { return json::array({span.begin, span.end}); }

json actor_json(const std::optional<Actor>& actor) {
  if (!actor) return nullptr;
  json out = {{"text", actor->text}, {"code", null_if_empty(actor->code)}};
  if (!actor->name.empty()) out["name"] = actor->name;
  out["span"] = span_json(actor->span);
  if (actor->field == Field::kTitle) out["in_title"] = true;
  if (!actor->rule.empty()) out["rule"] = actor->rule;
  return out;
}

json place_json(const Place& place) {
  json out = {{"text", place.text}, {"span", span_json(place.span)}, {"name", place.name}};
  if (place.field == Field::kTitle) out["in_title"] = true;
  if (place.geonameid != 0) out["geonameid"] = place.geonameid;
  out["lat"] = place.lat;
  out["lon"] = place.lon;
  out["country"] = place.country;
  if (!place.admin1.empty()) out["admin1"] = place.admin1;
  out["feature"] = place.feature;
  if (!place.match.empty()) out["match"] = place.match;
  return out;
}

}  // namespace

json to_output_json(const Document& document) {
  json out;
  out["id"] = document.id;
  out["url"] = null_if_empty(document.url);
  out["title"] = null_if_empty(document.title);
  out["site"] = null_if_empty(document.site);
  out["author"] = null_if_empty(document.author);
  out["published"] = null_if_empty(document.published);
  out["lang"] = document.lang;
  out["text"] = document.text;

  json sentences = json::array();
  for (const Sentence& sentence : document.sentences) {
    if (sentence.field == Field::kBody) sentences.push_back(span_json(sentence.span));
  }
  out["sentences"] = std::move(sentences);

  json entities = json::array();
  for (const Entity& entity : document.entities) {
    json item = {{"text", entity.text},
                 {"type", std::string(to_string(entity.type))},
                 {"span", span_json(entity.span)}};
    if (entity.field == Field::kTitle) item["in_title"] = true;
    if (!entity.code.empty()) item["code"] = entity.code;
    entities.push_back(std::move(item));
  }
  out["entities"] = std::move(entities);

  json places = json::array();
  for (const Place& place : document.places) places.push_back(place_json(place));
  out["places"] = std::move(places);

  json quotes = json::array();
  for (const Quote& quote : document.quotes) {
    json item = {{"text", quote.text}, {"span", span_json(quote.span)},
                 {"speaker", actor_json(quote.speaker)}};
    if (quote.field == Field::kTitle) item["in_title"] = true;
    quotes.push_back(std::move(item));
  }
  out["quotes"] = std::move(quotes);

  json events = json::array();
  for (const Event& event : document.events) {
    const Sentence& sentence = document.sentences.at(event.sentence);
    json item;
    item["sentence"] = std::string(document.slice(sentence.field, sentence.span));
    item["span"] = span_json(event.trigger);
    item["trigger"] = event.trigger_text;
    if (sentence.field == Field::kTitle) item["in_title"] = true;
    item["source"] = actor_json(event.source);
    item["target"] = actor_json(event.target);
    item["cameo"] = event.cameo;
    if (!event.cameo_name.empty()) item["cameo_name"] = event.cameo_name;
    item["quad_class"] = event.quad_class;
    item["goldstein"] = event.goldstein;
    json plover = {{"type", event.plover_type}};
    if (!event.plover_mode.empty()) plover["mode"] = event.plover_mode;
    item["plover"] = std::move(plover);
    item["modality"] = std::string(to_string(event.modality));
    item["attribution"] = actor_json(event.attribution);
    item["location"] = event.location ? place_json(*event.location) : json(nullptr);
    if (!event.location_source.empty()) item["location_source"] = event.location_source;
    item["date"] = null_if_empty(event.date);
    if (!event.date_source.empty()) item["date_source"] = event.date_source;
    if (!event.date_precision.empty()) item["date_precision"] = event.date_precision;
    item["rule"] = event.rule;
    events.push_back(std::move(item));
  }
  out["events"] = std::move(events);

  if (!document.diagnostics.empty()) {
    json diagnostics = json::array();
    for (const Diagnostic& d : document.diagnostics) {
      diagnostics.push_back({{"stage", d.stage}, {"message", d.message}});
    }
    out["diagnostics"] = std::move(diagnostics);
  }
  return out;
}

std::string to_output_line(const Document& document) {
  return to_output_json(document).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace vigie
