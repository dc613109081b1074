#!/usr/bin/env node
// e2e.mjs: the browser end-to-end test of the arlab web app (Debian chromium + playwright-core).
//   node tests/e2e/e2e.mjs --web build-web/web --cli build/arlab [--sample assets/sample-book.json]
// Serves the web folder on a free localhost port, then checks:
//   1 renders       the page draws frames; the screenshot is not blank
//   2 sample        window.arlab.summary() totals == `arlab aging --format json` on the sample
//   3 open          a book file loads (file picker); a broken one (dropped) is rejected
//   4 persists      after a reload (same profile) the loaded book is still there
//   5 newest-wins   quick changes overlapping running saves: the newest is what reloads
//   6 hidden        a page that becomes hidden saves at once (no debounce), and it reloads
//   7 quota         a failing IndexedDB write shows in storage().last_error, book kept in memory
//   8 import        a CSV and its mapping picked with the file chooser go to Import CSV; Enter,
//                   Enter (each tapped while no frame runs) imports them
//                   (tests/cli/books/import-us.csv: 3 invoices, 99.99 open)
//   9 local-only    every request the page made went to the local server
//  11 wheel         one wheel notch over the invoice list scrolls it a few lines down, one
//                   notch back up returns to the top (not a hundred times too far, not
//                   the wrong way: Emscripten's GLFW port passes raw pixels, app/wheel.h)
//  12 keyboard      an arrow key moves the keyboard focus (ImGui's nav), as on the desktop
//  13 compare       Compare A and B names cost and payable apart (one number a label; the
//                   card "Payable B - A" is the table's TOTAL); "Export comparison CSV" and
//                   "JSON" download the bytes `arlab commission --compare` prints for the
//                   same book, plans and period
//  14 presets       the Commission presets are listed by their plans' names
//  15 splitter      dragging the bar under the salespeople makes the lines pane taller
//  16 help          F1 (tapped while no frame runs) opens Help; each page shows content
//                   (shortcuts, storage, formulas offline, practice notes, about); F1 closes
//  10 held          a saved book the date-order rule refuses (as an older arlab saved it in
//                   IndexedDB) reloads as the sample with its problem listed, and neither
//                   the sample nor a book opened afterwards is saved over it
// Screenshots go to tests/e2e/artifacts/. Exit 0 all passed, 1 a failure, 77 skipped.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const opts = parseArgs(process.argv.slice(2), {
  web: path.join(root, 'build-web/web'),
  cli: path.join(root, 'build/arlab'),
  sample: path.join(root, 'assets/sample-book.json'),
  artifacts: path.join(here, 'artifacts'),
  chromium: '/usr/bin/chromium',
});
const fixtures = path.join(here, 'fixtures');
const WAIT_MS = 90000;  // Upper bound for a condition to come true, not a delay.

function parseArgs(argv, defaults) {
  const out = {...defaults};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in defaults) || argv[i + 1] === undefined) usage(`bad argument ${argv[i]}`);
    out[key] = path.resolve(argv[i + 1]);
  }
  return out;
}

function usage(why) {
  console.error(`e2e: ${why}\nusage: e2e.mjs [--web DIR] [--cli ARLAB] [--sample BOOK] ` +
                '[--artifacts DIR] [--chromium PATH]');
  process.exit(2);
}

function skip(why) {
  console.log(`e2e: skipped: ${why}`);
  process.exit(77);
}

// [SECTION] money: decimal strings to BigInt minor units (no floating point)
function cents(text) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(text).replace(/,/g, ''));
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const value = BigInt(m[2]) * 100n + BigInt((m[3] || '0').padEnd(2, '0'));
  return m[1] ? -value : value;
}

function bucketAmount(bucket) {
  return typeof bucket === 'object' && bucket !== null ? bucket.amount : bucket;
}

// [SECTION] PNG decoding (8-bit RGB/RGBA, what Chromium writes) to count colours
function pngColourStats(file) {
  const data = fs.readFileSync(file);
  let pos = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString('latin1', pos + 4, pos + 8);
    const body = data.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error('unsupported PNG (depth/interlace)');
      channels = {2: 3, 6: 4}[body[9]];
      if (!channels) throw new Error(`unsupported PNG colour type ${body[9]}`);
    }
    if (type === 'IDAT') idat.push(body);
    pos += 12 + length;
  }
  const pixels = unfilter(zlib.inflateSync(Buffer.concat(idat)), width, height, channels);
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += channels) {
    const rgb = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(rgb, (counts.get(rgb) || 0) + 1);
  }
  const commonest = Math.max(...counts.values());
  return {width, height, colours: counts.size, commonestShare: commonest / (width * height)};
}

function unfilter(raw, width, height, bpp) {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      const add = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (line[x] + add) & 0xff;
    }
  }
  return out;
}

// [SECTION] a static server for the web folder (application/wasm for the module)
const MIME = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
              '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png',
              '.ico': 'image/x-icon', '.css': 'text/css'};

function serve(dir) {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(dir, path.normalize(urlPath === '/' ? '/index.html' : urlPath));
    const inside = file.startsWith(dir + path.sep);
    if (!inside || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
                        'Cache-Control': 'no-store'});
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// [SECTION] the checks
const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push({name, ok: true});
    console.log(`ok   ${name}`);
  } catch (err) {
    results.push({name, ok: false});
    console.log(`FAIL ${name}: ${err && err.message ? err.message : err}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitReady(page, minFrames) {
  await page.waitForFunction((n) => window.arlab && window.arlab.ready() &&
                                    window.arlab.frames() >= n, minFrames, {timeout: WAIT_MS});
}

async function shot(page, name) {
  const file = path.join(opts.artifacts, name);
  await page.screenshot({path: file});
  return file;
}

async function checkRenders(page) {
  await waitReady(page, 5);
  const file = await shot(page, '01-sample.png');
  const stats = pngColourStats(file);
  console.log(`     ${path.relative(root, file)}: ${stats.width}x${stats.height}, ` +
              `${stats.colours} colours, commonest ${(stats.commonestShare * 100).toFixed(1)}%`);
  expect(stats.colours >= 16, `only ${stats.colours} distinct colours: blank page?`);
  expect(stats.commonestShare < 0.97, 'one colour covers almost all of the page: blank?');
  expect(await page.title() === 'arlab', `title is "${await page.title()}", not "arlab"`);
}

async function checkSampleTotals(page) {
  const summary = await page.evaluate(() => window.arlab.summary());
  expect(summary && summary.as_of, `no summary or as_of: ${JSON.stringify(summary)}`);
  expect(fs.existsSync(opts.cli), `no CLI at ${opts.cli}`);
  const cliOut = execFileSync(opts.cli, ['aging', opts.sample, '--as-of', summary.as_of,
                                         '--format', 'json'], {encoding: 'utf8'});
  const totals = JSON.parse(cliOut).totals;
  console.log(`     as of ${summary.as_of}: page open ${summary.open}, CLI open ${totals.open}`);
  expect(cents(summary.open) === cents(totals.open),
         `open ${summary.open} on the page, ${totals.open} from the CLI ` +
         '(a web build older than assets/sample-book.json embeds another sample)');
  const pageBuckets = summary.buckets.map((b) => cents(bucketAmount(b)));
  const cliBuckets = totals.amounts.map(cents);
  expect(pageBuckets.join() === cliBuckets.join(),
         `buckets ${pageBuckets.join()} on the page, ${cliBuckets.join()} from the CLI`);
  const overdue = cliBuckets.slice(1).reduce((sum, v) => sum + v, 0n);
  expect(cents(summary.overdue) === overdue,
         `overdue ${summary.overdue}, the CLI's buckets say ${overdue}`);
  expect(summary.invoices > 0, 'the sample book has no invoices');
}

// The fixture's figures, worked by hand in fixtures/README.md: open total, and the buckets
// (current, 1-30, 31-60, 61-90, 91+) for the as-of dates the app may pick.
const SMALL_BOOK_OPEN = 105050n;
function smallBookBuckets(asOf) {
  if (asOf === '2024-03-05') return [65050n, 40000n, 0n, 0n, 0n];  // The book's last day.
  if (asOf >= '2024-07-01') return [0n, 0n, 0n, 0n, 105050n];       // Past 91 days for all.
  return null;  // Other dates: only the open total is checked.
}

async function expectSmallBook(page, when) {
  const summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.invoices === 3, `${when}: ${summary.invoices} invoices, not 3`);
  expect(cents(summary.open) === SMALL_BOOK_OPEN, `${when}: open ${summary.open}, not 1050.50`);
  const buckets = smallBookBuckets(summary.as_of);
  if (buckets) {
    const got = summary.buckets.map((b) => cents(bucketAmount(b)));
    expect(got.join() === buckets.join(),
           `${when}: buckets as of ${summary.as_of} are ${got.join()}, not ${buckets.join()}`);
    const overdue = buckets.slice(1).reduce((sum, v) => sum + v, 0n);
    expect(cents(summary.overdue) === overdue,
           `${when}: overdue ${summary.overdue}, not ${overdue}`);
  }
}

async function openCount(page) {
  return page.evaluate(() => window.arlab.lastOpen().count);
}

async function waitOpened(page, count) {
  await page.waitForFunction((n) => window.arlab.lastOpen().count >= n, count, {timeout: WAIT_MS});
  return page.evaluate(() => window.arlab.lastOpen());
}

async function dropFile(page, name, text) {
  await page.evaluate(([fileName, body]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([body], fileName, {type: 'application/json'}));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true}));
    canvas.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true,
                                                cancelable: true}));
  }, [name, text]);
}

async function checkOpenFiles(page) {
  const before = await openCount(page);
  await page.setInputFiles('#arlab-file', path.join(fixtures, 'small-book.json'));
  const picked = await waitOpened(page, before + 1);
  expect(picked.ok, 'small-book.json (file picker) was not accepted');
  await expectSmallBook(page, 'after the file picker');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await shot(page, '02-small-book.png');

  const broken = fs.readFileSync(path.join(fixtures, 'broken-book.json'), 'utf8');
  await dropFile(page, 'broken-book.json', broken);
  const dropped = await waitOpened(page, before + 2);
  expect(dropped.name === 'broken-book.json' && !dropped.ok,
         `broken-book.json (dropped) was not rejected: ${JSON.stringify(dropped)}`);
  await expectSmallBook(page, 'after the broken drop');
  const viaApi = await page.evaluate((t) => window.arlab.openText('broken.json', t), broken);
  expect(viaApi === false, 'arlab.openText accepted the broken book');
  await expectSmallBook(page, 'after the broken openText');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await shot(page, '03-broken-rejected.png');
}

async function checkPersists(page) {
  // Wait for the (debounced) save to reach IndexedDB: a condition, not a sleep.
  await page.waitForFunction(() => {
    const s = window.arlab.storage();
    return s && !s.pending && !s.saving && s.last_saved !== '';
  }, null, {timeout: WAIT_MS});
  const storage = await page.evaluate(() => window.arlab.storage());
  expect(storage.last_error === '', `save error: ${storage.last_error}`);
  expect(storage.persistence_asked, 'navigator.storage.persist() was not asked');
  await page.reload();
  await waitReady(page, 5);
  await expectSmallBook(page, 'after the reload');
  await shot(page, '04-after-reload.png');
  expect(await page.evaluate(() => window.arlab.showPanel('storage')), 'no "storage" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await shot(page, '04-storage-panel.png');
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
}

// The small book plus one invoice E2E-4 of `extra` (a decimal string), dated 2024-01-20.
function smallBookPlus(extra) {
  const book = JSON.parse(fs.readFileSync(path.join(fixtures, 'small-book.json'), 'utf8'));
  book.invoices.push({id: 'E2E-4', customer: 'E2E-B', date: '2024-01-20', amount: extra});
  return JSON.stringify(book, null, 2);
}

async function waitSaved(page) {
  await page.waitForFunction(() => {
    const s = window.arlab.storage();
    return s && !s.pending && !s.saving;
  }, null, {timeout: WAIT_MS});
  return page.evaluate(() => window.arlab.storage());
}

// Three books opened in one JS turn, each flushed at once: the first starts a syncfs; the
// second and third arrive while it runs, so they wait, the third replaces the second, and
// it is written right after the first finishes. Exactly 2 syncs; the newest reloads.
async function checkNewestWins(page) {
  const syncsBefore = (await waitSaved(page)).syncs;
  const opened = await page.evaluate((texts) => texts.map((t) => {
    const ok = window.arlab.openText('v.json', t);
    window.arlab.flush();
    return ok;
  }), ['1.00', '2.00', '3.00'].map(smallBookPlus));
  expect(opened.every((ok) => ok), `books rejected: ${JSON.stringify(opened)}`);
  const storage = await waitSaved(page);
  expect(storage.last_error === '', `save error: ${storage.last_error}`);
  expect(storage.syncs - syncsBefore === 2, `${storage.syncs - syncsBefore} syncs, not 2`);
  await page.reload();
  await waitReady(page, 5);
  const summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.invoices === 4 && cents(summary.open) === 105350n,
         `after the reload: ${summary.invoices} invoices, open ${summary.open}; ` +
         'expected 4 and 1053.50 (1050.50 + 3.00)');
}

// visibilitychange to hidden flushes the waiting save in the same turn: no frame or timer
// runs in a hidden page, so waiting for the debounce could lose the change.
async function checkHiddenSaves(page) {
  await waitSaved(page);
  const seen = await page.evaluate((t) => {
    const before = window.arlab.storage().syncs;
    const opened = window.arlab.openText('hidden.json', t);
    const pendingAfterOpen = window.arlab.storage().pending;
    Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
    document.dispatchEvent(new Event('visibilitychange'));
    delete document.visibilityState;  // Back to the real (prototype) getter.
    const after = window.arlab.storage();
    return {opened, pendingAfterOpen, syncs: after.syncs - before, pending: after.pending};
  }, smallBookPlus('4.00'));
  expect(seen.opened, 'book with E2E-4 = 4.00 was rejected');
  expect(seen.pendingAfterOpen, 'the change was saved before the page was hidden (no debounce?)');
  expect(seen.syncs === 1 && !seen.pending,
         `hiding the page started ${seen.syncs} syncs, pending ${seen.pending}: not saved at once`);
  await waitSaved(page);
  await page.reload();
  await waitReady(page, 5);
  const summary = await page.evaluate(() => window.arlab.summary());
  expect(cents(summary.open) === 105450n, `after the reload: open ${summary.open}, not 1054.50`);
}

// IndexedDB refuses writes (as when the quota is used up): the error shows, the book stays.
async function checkQuotaError(page) {
  await page.evaluate(() => {
    window.arlabRealPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function() {
      throw new DOMException('simulated by the e2e test', 'QuotaExceededError');
    };
  });
  const ok = await page.evaluate((t) => {
    const opened = window.arlab.openText('big.json', t);
    window.arlab.flush();
    return opened;
  }, smallBookPlus('7.00'));
  expect(ok, 'book with E2E-4 = 7.00 was rejected');
  const storage = await waitSaved(page);
  await page.evaluate(() => { IDBObjectStore.prototype.put = window.arlabRealPut; });
  expect(/QuotaExceededError/.test(storage.last_error),
         `last_error is "${storage.last_error}", not a QuotaExceededError`);
  const summary = await page.evaluate(() => window.arlab.summary());
  expect(cents(summary.open) === 105750n, `in memory open ${summary.open}, not 1057.50`);
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await shot(page, '05-quota-error.png');
}

// The CSV and its mapping through the page's file input (the app routes them by name to the
// Import CSV tab), then Enter (Import) and Enter (confirm), as a keyboard user would.
// tests/cli/books/import-us.csv by hand (tests/cli/cmd-import-csv.test): 3 invoices of 2
// customers; as of its last document, 2025-03-01, only INV-2 (99.99) is open.
async function checkImportCsv(page) {
  const books = path.join(root, 'tests/cli/books');
  const before = await openCount(page);
  await page.setInputFiles('#arlab-file', path.join(books, 'import-us.csv'));
  const csv = await waitOpened(page, before + 1);
  expect(csv.ok && csv.name === 'import-us.csv', `the CSV was not taken: ${JSON.stringify(csv)}`);
  await page.setInputFiles('#arlab-file', path.join(books, 'import-us.map.json'));
  const map = await waitOpened(page, before + 2);
  expect(map.ok, `the mapping was not taken: ${JSON.stringify(map)}`);
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  let summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.import.file === 'import-us.csv' && summary.import.rows === 3 &&
         summary.import.problems === 0 && summary.import.ok,
         `the dry run: ${JSON.stringify(summary.import)}`);
  expect(summary.invoices !== 3 || summary.book !== 'import-us.csv', 'imported before Enter');
  await shot(page, '06-import-csv.png');
  // Each Enter goes down and up while no frame runs (the main loop paused), as a quick tap
  // on a slow frame does: Dear ImGui 1.86 alone would never see it (web/main.cpp on_key).
  await page.focus('#canvas');
  for (let press = 0; press < 2; press++) {  // Import, then "Import and replace".
    await page.evaluate(() => window.Module.pauseMainLoop());
    await page.keyboard.press('Enter');
    await page.evaluate(() => window.Module.resumeMainLoop());
    await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  }
  await page.waitForFunction(() => window.arlab.summary().book === 'import-us.csv', null,
                             {timeout: WAIT_MS});
  summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.invoices === 3 && summary.customers === 2,
         `${summary.invoices} invoices of ${summary.customers} customers, not 3 of 2`);
  expect(cents(summary.open) === 9999n, `open ${summary.open}, not 99.99`);
  expect(/^Imported 3 invoices of 2 customers from import-us\.csv/.test(summary.status),
         `status "${summary.status}"`);
}

function checkLocalOnly(requests, origin) {
  expect(requests.length > 0, 'no requests recorded');
  expect(requests.some((u) => u.endsWith('/arlab.wasm')), 'arlab.wasm was never requested');
  const foreign = requests.filter((u) => !u.startsWith(origin + '/') &&
                                         !/^(data|blob):/.test(u));
  expect(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  console.log(`     ${requests.length} requests, all to ${origin}`);
}

// [SECTION] main
// A headless chromium with a fresh profile and one page, collecting requests and errors.
// A book saved by an older arlab that the date-order rule now refuses
// (tests/cli/books/date-order-old-rule.json: W-1 asks 700.00 of the 600.00 left).
async function checkHeldBook(page) {
  const oldRule = fs.readFileSync(path.join(root, 'tests/cli/books/date-order-old-rule.json'),
                                  'utf8');
  await waitSaved(page);
  await page.evaluate((text) => new Promise((resolve, reject) => {
    Module.FS.writeFile('/persist/book.json', text);
    Module.FS.syncfs(false, (err) => (err ? reject(String(err)) : resolve()));
  }), oldRule);
  await page.reload();
  await waitReady(page, 5);
  let summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.book === 'sample', `opened ${summary.book}, not the sample`);
  expect(summary.held_saved_book === true && summary.held_problems === 1,
         `held ${summary.held_saved_book}, ${summary.held_problems} problems; expected 1`);
  await shot(page, '10-held-book.png');
  // A book opened now is not saved over it either (saving waits for the user's choice).
  const opened = await page.evaluate((t) => {
    const ok = window.arlab.openText('other.json', t);
    window.arlab.flush();
    return ok;
  }, smallBookPlus('5.00'));
  expect(opened, 'the small book was rejected');
  await waitSaved(page);
  const stored = await page.evaluate(
      () => Module.FS.readFile('/persist/book.json', {encoding: 'utf8'}));
  expect(stored === oldRule, 'the saved book was overwritten in /persist');
  await page.reload();  // What IndexedDB holds is what reloads: still the old book, held.
  await waitReady(page, 5);
  summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.held_saved_book === true, 'after a second reload the saved book is not held');
  expect(await page.evaluate(() => window.arlab.showPanel('storage')), 'no "storage" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await shot(page, '10-held-storage.png');
}

// The invoice list of the sample: a notch is one ImGui step of 5 lines of text.
async function checkWheel(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('invoices')), 'no "invoices" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  const lines = async () =>
    (await page.evaluate(() => window.arlab.summary())).invoices_scroll_lines;
  expect((await lines()) === 0, `the list starts scrolled by ${await lines()} lines`);
  await page.mouse.move(640, 420);  // Over the list.
  await page.mouse.wheel(0, 100);   // One notch down, as Chrome sends it.
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  const down = await lines();
  expect(down >= 2 && down <= 8, `one notch down scrolled ${down} lines, not a few down`);
  await shot(page, '11-wheel-down.png');
  await page.mouse.wheel(0, -100);  // And back up.
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  expect((await lines()) === 0, `one notch back up left the list at ${await lines()} lines`);
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
}

// Keyboard navigation is on in the browser too: an arrow key tapped (with no frame running,
// the worst case) makes ImGui's keyboard focus visible.
async function checkKeyboardNav(page) {
  let summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.keyboard_nav === true, 'keyboard navigation is off');
  await page.mouse.click(640, 60);  // The toolbar's window gets the focus.
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await page.evaluate(() => Module.pauseMainLoop());
  await page.keyboard.press('ArrowDown');
  await page.evaluate(() => Module.resumeMainLoop());
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.nav_visible === true, 'ArrowDown did not move the keyboard focus');
  await shot(page, '12-keyboard-nav.png');
  await page.keyboard.press('Escape');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
}

// [SECTION] issue 10: the comparison's names and export, presets, the lines pane, Help
async function nextFrames(page, n = 3) {
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + n);
}

async function summaryOf(page) {
  return page.evaluate(() => window.arlab.summary());
}

// The page on the sample book (what the CLI reads from assets/sample-book.json).
async function ensureSample(page) {
  if ((await summaryOf(page)).book === 'sample') return;
  const ok = await page.evaluate((t) => window.arlab.openText('sample-book.json', t),
                                 fs.readFileSync(opts.sample, 'utf8'));
  expect(ok, 'the sample book was not accepted');
}

// Clicks a button of the app at its centre (as the summary reports it) and returns the text
// of the download it starts.
async function downloadByClick(page, xy) {
  const [download] = await Promise.all([
    page.waitForEvent('download', {timeout: WAIT_MS}),
    page.mouse.click(xy[0], xy[1]),
  ]);
  return {name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8')};
}

async function checkCommissionCompare(page) {
  await ensureSample(page);
  expect(await page.evaluate(() => window.arlab.showPanel('commission-compare')),
         'no "commission-compare" panel');
  await page.waitForFunction(() => window.arlab.summary().commission_compare.shown.length > 0,
                             null, {timeout: WAIT_MS});
  await nextFrames(page);
  const cmp = (await summaryOf(page)).commission_compare;
  const byLabel = new Map();
  for (const [label, value] of cmp.shown) {
    byLabel.set(label, (byLabel.get(label) || new Set()).add(value));
  }
  for (const [label, values] of byLabel) {
    expect(values.size === 1,
           `"${label}" shows ${[...values].join(' and ')}: one name, two numbers`);
  }
  expect(!byLabel.has('B - A'), '"B - A" alone names a figure');
  const labels = ['Cost A', 'Cost B', 'Cost B - A', 'Payable A', 'Payable B', 'Payable B - A'];
  for (const label of labels) {
    expect(byLabel.has(label), `no figure labelled "${label}": ${JSON.stringify(cmp.shown)}`);
  }
  const one = (label) => cents([...byLabel.get(label)][0]);
  expect(one('Cost B - A') === one('Cost B') - one('Cost A'), 'Cost B - A is not Cost B - Cost A');
  expect(one('Payable B - A') === one('Payable B') - one('Payable A'),
         'Payable B - A is not Payable B - Payable A');
  console.log(`     ${cmp.from} to ${cmp.to}: cost B - A ${[...byLabel.get('Cost B - A')][0]}, ` +
              `payable B - A ${[...byLabel.get('Payable B - A')][0]}`);
  await shot(page, '13-compare-1280x800.png');
  // The exports, by clicking the buttons: the CLI's bytes for the same inputs.
  const plans = path.join(root, 'assets/plans');
  const cli = (format) => execFileSync(opts.cli, [
    'commission', opts.sample, '--plan', path.join(plans, 'cash-80-gate.json'),
    '--compare', path.join(plans, 'sales-based.json'), '--from', cmp.from, '--to', cmp.to,
    '--format', format], {encoding: 'utf8'});
  const csv = await downloadByClick(page, cmp.export_csv);
  expect(csv.name === `commission-compare-${cmp.from}-to-${cmp.to}.csv`, `downloaded ${csv.name}`);
  expect(csv.text === cli('csv'), 'the CSV export differs from arlab commission --compare');
  const total = csv.text.trim().split('\n').pop().split(',');
  expect(total[0] === 'TOTAL' && cents(total[4]) === one('Payable B - A'),
         `the CSV's TOTAL difference ${total[4]} is not the card "Payable B - A"`);
  expect(cents(total[7]) - cents(total[6]) === one('Cost B - A'),
         'the CSV\'s TOTAL net_b - net_a is not the card "Cost B - A"');
  await nextFrames(page);
  const json = await downloadByClick(page, cmp.export_json);
  expect(json.text === cli('json'), 'the JSON export differs from arlab commission --compare');
  expect(cents(JSON.parse(json.text).total.difference) === one('Payable B - A'),
         'the JSON total difference is not the card "Payable B - A"');
  console.log(`     ${csv.name} (${csv.text.length} bytes) and .json equal the CLI's output`);
  await page.setViewportSize({width: 1024, height: 700});
  await nextFrames(page, 5);
  await shot(page, '13-compare-1024x700.png');
  await page.setViewportSize({width: 1280, height: 800});
  await nextFrames(page, 5);
}

async function checkCommissionPresets(page) {
  const files = ['cash-80-gate.json', 'sales-based.json', 'split-holdback.json'];
  const names = files.map((f) =>
    JSON.parse(fs.readFileSync(path.join(root, 'assets/plans', f), 'utf8')).name);
  const summary = await summaryOf(page);
  expect(JSON.stringify(summary.commission_presets) === JSON.stringify(names),
         `presets listed as ${JSON.stringify(summary.commission_presets)}, ` +
         `not ${JSON.stringify(names)}`);
  expect(summary.commission_presets.every((n) => !n.endsWith('.json')), 'a preset listed by file');
  expect(summary.commission.a.source === `preset: ${names[0]}`,
         `plan A's source is "${summary.commission.a.source}"`);
}

async function checkLinesSplitter(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('commission-statement')),
         'no "commission-statement" panel');
  await nextFrames(page, 5);
  const before = (await summaryOf(page)).commission_layout;
  expect(before.lines_height > 0 && before.summary_height > 0,
         `no statement layout: ${JSON.stringify(before)}`);
  const [x, y] = before.splitter;
  await page.mouse.move(x, y);
  await nextFrames(page, 2);
  await page.mouse.down();
  await nextFrames(page, 2);
  await page.mouse.move(x, y - 50, {steps: 5});
  await nextFrames(page, 2);
  await page.mouse.up();
  await nextFrames(page, 3);
  const after = (await summaryOf(page)).commission_layout;
  const grown = after.lines_height - before.lines_height;
  console.log(`     lines pane ${before.lines_height} -> ${after.lines_height} px ` +
              `(table ${before.summary_height} -> ${after.summary_height})`);
  expect(Math.abs(grown - 50) <= 1,
         `dragging the splitter 50 px up grew the lines pane ${grown} px`);
  expect(Math.abs(after.summary_height - (before.summary_height - 50)) <= 1,
         'the salespeople table did not shrink by as much');
  await shot(page, '15-lines-taller.png');
}

async function checkHelp(page) {
  let summary = await summaryOf(page);
  expect(summary.help && summary.help.open === false,
         `Help is open at the start: ${JSON.stringify(summary.help)}`);
  await page.focus('#canvas');
  const tapF1 = async () => {
    await page.evaluate(() => window.Module.pauseMainLoop());
    await page.keyboard.press('F1');
    await page.evaluate(() => window.Module.resumeMainLoop());
    await nextFrames(page);
  };
  await tapF1();
  summary = await summaryOf(page);
  expect(summary.help.open && summary.help.page === 'shortcuts' && summary.help.chars > 500,
         `F1 did not show the shortcuts: ${JSON.stringify(summary.help)}`);
  expect(summary.help.shortcuts >= 6, `${summary.help.shortcuts} shortcuts listed`);
  const pages = [['help-shortcuts', 'shortcuts', 500], ['help-storage', 'storage', 800],
                 ['help-formulas', 'formulas', 5000], ['help-practice', 'practice', 3000],
                 ['help-about', 'about', 400],
                 ['help-formulas:COMMISSION.md#comparing-two-plans', 'formulas', 10000]];
  for (const [width, height] of [[1280, 800], [1024, 700]]) {
    await page.setViewportSize({width, height});
    await nextFrames(page, 5);
    for (const [name, pageName, chars] of pages) {
      expect(await page.evaluate((n) => window.arlab.showPanel(n), name), `no panel "${name}"`);
      await nextFrames(page, 4);
      const help = (await summaryOf(page)).help;
      expect(help.open && help.page === pageName && help.chars >= chars,
             `${name} at ${width}x${height}: ${JSON.stringify(help)}`);
      const file = name.replace(/[:#.]/g, '-');
      await shot(page, `16-${file}-${width}x${height}.png`);
    }
  }
  summary = await summaryOf(page);
  expect(summary.help.doc === 'COMMISSION.md', `the formulas show ${summary.help.doc}`);
  await page.setViewportSize({width: 1280, height: 800});
  await nextFrames(page, 5);
  await page.focus('#canvas');
  await tapF1();
  expect((await summaryOf(page)).help.open === false, 'F1 did not close Help');
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
}

async function openBrowser(chromium) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'arlab-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: opts.chromium, headless: true, viewport: {width: 1280, height: 800},
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-first-run'],
  });
  const requests = [];
  context.on('request', (req) => requests.push(req.url()));
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, {recursive: true, force: true});
  };
  return {page, errors, requests, close};
}

// Waits for the first frames or for the GL shader failure; true on the failure.
async function glFailed(browser) {
  const failed = () => browser.errors.some((e) => e.includes('failed to compile vertex shader'));
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
    if (failed()) return true;
    const drawn = await browser.page.evaluate(
        () => !!(window.arlab && window.arlab.ready() && window.arlab.frames() >= 1));
    if (drawn) return failed();
    await new Promise((r) => setTimeout(r, 100));
  }
  return failed();
}

async function main() {
  if (!fs.existsSync(path.join(opts.web, 'arlab.js'))) skip(`no web build in ${opts.web}`);
  if (!fs.existsSync(opts.chromium)) skip(`no chromium at ${opts.chromium}`);
  let chromium;
  try {
    ({chromium} = await import('playwright-core'));
  } catch (err) {
    skip('playwright-core is not installed (run scripts/setup.sh)');
  }
  fs.mkdirSync(opts.artifacts, {recursive: true});
  const server = await serve(path.resolve(opts.web));
  const origin = `http://127.0.0.1:${server.address().port}`;
  // SwiftShader (chromium's software GL) has, rarely, failed to compile ImGui's shaders in a
  // fresh browser ("failed to compile vertex shader ... (unknown error)"), and then the page
  // draws nothing. That is the machine's GL, not arlab: start a new browser once and say so.
  // A shader arlab got wrong fails both times.
  let browser;
  for (let attempt = 1; ; ++attempt) {
    browser = await openBrowser(chromium);
    await browser.page.goto(origin + '/');
    if (!(await glFailed(browser)) || attempt === 2) break;
    console.log('     the browser could not compile the GL shaders (SwiftShader); ' +
                `starting a new browser once. Its errors:\n       ${browser.errors.join('\n       ')}`);
    await browser.close();
  }
  const {page, errors, requests} = browser;
  try {
    await check('1 renders: frames drawn, screenshot not blank', () => checkRenders(page));
    await check('2 sample: summary totals equal the CLI', () => checkSampleTotals(page));
    await check('11 wheel: a notch scrolls the invoice list a few lines the right way',
                () => checkWheel(page));
    await check('12 keyboard: an arrow key moves the keyboard focus', () => checkKeyboardNav(page));
    await check('13 compare: cost and payable named apart; exports are the CLI\'s bytes',
                () => checkCommissionCompare(page));
    await check('14 presets: listed by plan name', () => checkCommissionPresets(page));
    await check('15 splitter: the lines pane is made taller by dragging',
                () => checkLinesSplitter(page));
    await check('16 help: F1 opens Help, each page has content, F1 closes it',
                () => checkHelp(page));
    await check('3 open: picked book loads, broken book rejected', () => checkOpenFiles(page));
    await check('4 persists: the loaded book is back after a reload', () => checkPersists(page));
    await check('5 newest-wins: overlapping saves keep the newest', () => checkNewestWins(page));
    await check('6 hidden: hiding the page saves at once', () => checkHiddenSaves(page));
    await check('7 quota: a failed save shows and keeps the book', () => checkQuotaError(page));
    await check('8 import: a picked CSV and mapping import with Enter, Enter',
                () => checkImportCsv(page));
    await check('10 held: a saved book the date-order rule refuses is kept, never saved over',
                () => checkHeldBook(page));
    await check('9 local-only: no request to another host', () => checkLocalOnly(requests, origin));
  } finally {
    await browser.close();
    server.close();
  }
  if (errors.length) {
    console.log(`     page errors and console errors:\n       ${errors.join('\n       ')}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.log(`e2e: error: ${err && err.stack ? err.stack : err}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
