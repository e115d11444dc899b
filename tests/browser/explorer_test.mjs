// End-to-end browser test: the explorer on a store of the bundled examples, driven by Debian's
// Chromium through playwright-core. Loads the page, filters by actor, opens an event, checks
// its sentence is shown with the trigger highlighted, and saves a screenshot.
// Usage: node explorer_test.mjs --vigie VIGIE --repo REPO --screenshot PNG
// Exit 77 (skip) when Chromium or playwright-core is missing.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const SERVER_LIFETIME_SECONDS = 90;
const STEP_TIMEOUT_MS = 15000;

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].slice(2)] = process.argv[i + 1];

if (!existsSync(CHROMIUM)) {
  console.log(`SKIP: ${CHROMIUM} is missing (apt-get install chromium)`);
  process.exit(77);
}
let chromium;
try {
  chromium = createRequire(join(args.repo, 'package.json'))('playwright-core').chromium;
} catch (error) {
  console.log('SKIP: npm playwright-core is missing (scripts/install-deps.sh)');
  process.exit(77);
}

const tmp = mkdtempSync(join(tmpdir(), 'vigie-browser-'));
const db = join(tmp, 'examples.db');
const extract = spawnSync(args.vigie, ['extract', `--db=${db}`, join(args.repo, 'examples')]);
if (extract.status !== 0) {
  console.log('FAIL: vigie extract --db:', String(extract.stderr));
  process.exit(1);
}
const server = spawn(args.vigie, ['serve', '--db', db, '--port', '0', '--max-seconds',
                                  String(SERVER_LIFETIME_SECONDS)]);
const base = await new Promise((resolve, reject) => {
  let text = '';
  server.stderr.on('data', (chunk) => {
    text += chunk;
    const match = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (match) resolve(match[0]);
  });
  server.on('exit', () => reject(new Error('server exited: ' + text)));
});

let browser;
let status = 0;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({viewport: {width: 1400, height: 1100}});
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const offsite = [];
  page.on('request', (request) => { if (!request.url().startsWith(base)) offsite.push(request.url()); });

  await page.goto(base);
  await page.waitForSelector('#events tbody tr');
  const before = await page.locator('#events tbody tr').count();
  await page.waitForSelector('#map .leaflet-overlay-pane path');  // world-atlas shapes drawn

  await page.fill('#f-actor', 'PAK');
  await page.click('#apply');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('#events tbody tr')];
    return rows.length > 0 && rows.every((row) =>
        row.querySelector('.source').textContent.startsWith('PAK') ||
        row.querySelector('.target').textContent.startsWith('PAK'));
  });
  const after = await page.locator('#events tbody tr').count();
  if (!(after < before)) throw new Error(`actor filter kept ${after} of ${before} rows`);

  const first = page.locator('#events tbody tr').first();
  const id = await first.getAttribute('data-id');
  await first.click();
  await page.waitForSelector('#event-view .sentence mark.trigger');
  const expected = await (await fetch(`${base}api/events/${id}`)).json();
  const shown = await page.textContent('#event-view .sentence');
  if (shown.trim() !== expected.sentence.trim()) {
    throw new Error(`sentence shown "${shown}" is not "${expected.sentence}"`);
  }
  const trigger = await page.textContent('#event-view mark.trigger');
  if (!expected.sentence.includes(trigger)) throw new Error(`trigger "${trigger}" not in sentence`);
  const facts = await page.textContent('#event-view dl.facts');
  for (const needle of [expected.modality, expected.rule]) {
    if (!facts.includes(needle)) throw new Error(`event view lacks "${needle}"`);
  }
  await page.waitForSelector('#mentions li');
  if (args.screenshot) await page.screenshot({path: args.screenshot, fullPage: true});
  if (errors.length) throw new Error('page errors: ' + errors.join('; '));
  if (offsite.length) throw new Error('requests left the server: ' + offsite.join(' '));
  console.log(`OK: ${before} events, ${after} with PAK; event ${id} shows "${expected.sentence}"` +
              (args.screenshot ? `; screenshot ${args.screenshot}` : ''));
} catch (error) {
  console.log('FAIL:', error.message);
  status = 1;
} finally {
  if (browser) await browser.close();
  server.kill();
  rmSync(tmp, {recursive: true, force: true});
}
process.exit(status);
