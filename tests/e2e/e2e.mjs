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
//  13 list keys     after a click on a row of the invoice list, ArrowDown selects the next
//                   row and ArrowUp the clicked one again
//  14 combo keys    the Statement's customer combo (clicked where the app says it drew it):
//                   Escape closes it unchanged; a typed id that only one customer matches,
//                   then Enter, chooses that customer
//  15 replace-asks  File > Open (picker) asks "Replace the open book?": Escape keeps the book
//                   (name, invoices, undo); Enter replaces; after a reload the new book keeps
//                   its name, Storage lists the replaced book "before replace", and Restore
//                   (asked, Enter) brings it back
//  10 held          a saved book the date-order rule refuses (as an older arlab saved it in
//                   IndexedDB) reloads as the sample with its problem listed, and neither
//                   the sample nor a book opened afterwards is saved over it
//  16 today         the sample ends today, as of today; a new invoice is dated today
//  17 form errors   a used id, a bad date and a bad amount: three problems in one submit,
//                   each naming its field (window.arlab.formCommand fills the form)
//  18 credit        an invoice over the customer's credit limit waits for "Record anyway"
//  19 not a book    a dropped PNG and another program's JSON are refused in plain words
//  20 today local   pages in UTC+14 and UTC-11 open on their own local date (not UTC's)
//  21 compare       Compare A and B names cost and payable apart (one number a label; the
//                   card "Payable B - A" is the table's TOTAL); "Export comparison CSV" and
//                   "JSON" download the bytes `arlab commission --compare` prints for the
//                   same book, plans and period
//  22 presets       the Commission presets are listed by their plans' names
//  23 splitter      dragging the bar under the salespeople makes the lines pane taller
//  24 help          F1 (tapped while no frame runs) opens Help; each page shows content
//                   (shortcuts, storage, formulas offline, practice notes, about); F1 closes
//  25 fits         every screen at 1024x700, 1280x800 and 1920x1080: the UI's own measure of
//                   cut text (summary "overflows", app/layout_check.h) is empty
//  27 simulation   two policies run in a Web Worker while frames go on, the progress reaches
//                   the total, "Export JSON" is `arlab simulate --format json`'s bytes; Cancel
//                   keeps the runs done, labelled partial
//  28 first results the benchmark's 1,000-customer book, 10,000 runs: the time to the first
//                   results on screen and to the end, cold (Run as the book opens) and warm (the
//                   page's spare Worker warmed first: asserted under 1 s, issue 12's aim); the
//                   warm run's numbers are the cold run's
//  29 tornado      the Tornado's cases one after the other on the Worker each leaves warm:
//                   its base and bars are `arlab simulate --tornado`'s
//  30 training     a practice round of two weeks played in the Training tab (a plan over the
//                   minutes refused, a collection call played into week 1's plan, Play week
//                   clicked) to its debrief; after a reload the result, with its call, is in
//                   Progress; no text cut at the three sizes (the call and exercises too)
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

// Issue 11: the case file in the browser. On the sample (its case file moved to end today),
// C001 gets a logged contact, a promise and a notice through the Case page's own Record
// (arlab.caseCommand fills its form as a user would); after a reload all three are there,
// in the same order, with what was said.
async function checkCaseFile(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('case')), 'no "case" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  const before = await page.evaluate(() => window.arlab.summary());
  const today = before.as_of;
  const inWeek = new Date(Date.parse(today + 'T00:00:00Z') + 7 * 86400000).toISOString().slice(0, 10);
  const commands = [
    {customer: 'C001', form: 'contact', date: today, with: 'Accounts payable',
     text: 'e2e: called about the overdue invoices <b>&</b>', by: 'e2e', submit: true},
    {form: 'promise', date: today, amount: '100.00', until: inWeek, submit: true},
    {form: 'letter', date: today, level: 1, submit: true},
  ];
  for (const command of commands) {
    expect(await page.evaluate((c) => window.arlab.caseCommand(c), command),
           `caseCommand ${command.form} refused`);
    const frames = await page.evaluate(() => window.arlab.frames());
    await waitReady(page, frames + 3);
  }
  const after = await page.evaluate(() => window.arlab.summary());
  expect(after.records === before.records + 3,
         `records ${before.records} -> ${after.records}, expected 3 more`);
  const kinds = after.last_records.slice(-3).map((r) => r.kind).join(',');
  expect(kinds === 'contact,promise,letter', `last records: ${kinds}`);
  expect(after.last_records.slice(-3).every((r) => r.customer === 'C001'), 'not all C001');
  await shot(page, '26-case-page.png');
  await page.evaluate(() => window.arlab.flush());
  await waitSaved(page);
  await page.reload();
  await waitReady(page, 5);
  const back = await page.evaluate(() => window.arlab.summary());
  expect(back.records === after.records, `after the reload: ${back.records} records, not ${after.records}`);
  expect(JSON.stringify(back.last_records) === JSON.stringify(after.last_records),
         `after the reload the last records differ: ${JSON.stringify(back.last_records)}`);
  expect(back.last_records[2].text === 'e2e: called about the overdue invoices <b>&</b>',
         `what was said: ${back.last_records[2].text}`);
  expect(back.last_records[4].level === 1, 'the letter is not level 1');
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
}

// Issue 13: the Training tab in the browser. A practice round of two weeks of "The forgetful
// customer" through arlab.training (the same functions its buttons call): a plan over the week's
// minutes refused with its reason and nothing played; week 1 a call to C2 and a collection call
// to C1 played in the Call section (the practice's choices: 100 points, its outcome in the
// week's events), played by a click on "Play week"; week 2 by the practice's hint; the debrief.
// After a reload the result is in Progress with its score and its call. No text is cut at the
// three sizes, in the call and the exercises either.
async function checkTraining(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('training')), 'no Training tab');
  await nextFrames(page, 4);
  const command = async (c) => {
    expect(await page.evaluate((x) => window.arlab.training(x), c),
           `arlab.training(${JSON.stringify(c)}) was refused`);
    await nextFrames(page);
    return (await summaryOf(page)).training;
  };
  const cut = [];
  const fits = async (name) => {
    for (const [width, height] of [[1024, 700], [1920, 1080], [1280, 800]]) {
      await page.setViewportSize({width, height});
      await nextFrames(page, 4);
      for (const o of (await summaryOf(page)).overflows) cut.push(`${width}x${height} ${name}: ${o}`);
      await shot(page, `30-training-${name}-${width}x${height}.png`);
    }
  };
  let t = (await summaryOf(page)).training;
  expect(t.catalog && t.catalog.length === 6, `scenarios listed: ${JSON.stringify(t.catalog)}`);
  const kept = t.results.length;
  await command({action: 'trainee', name: 'E2E Trainee'});
  await command({action: 'pick', scenario: 'forgetful-customer', weeks: 2});
  await fits('briefing');
  t = await command({action: 'start'});
  expect(t.playing && t.weeks === 2 && t.week === 0, `not started: ${JSON.stringify(t)}`);
  for (let k = 0; k < 7; ++k)
    await command({action: 'add-move', customer: k % 2 ? 'C2' : 'C1', move: 'call'});
  t = await command({action: 'play'});
  expect(t.refused === 'move 7 (call C1): takes 20 minutes and 0 of the week\'s 120 are left',
         `refused: "${t.refused}"`);
  expect(t.week === 0 && t.log.length === 0, `a refused plan played week ${t.week}`);
  await shot(page, '30-training-refused.png');
  for (let k = 6; k >= 2; --k) await command({action: 'remove-move', index: k});
  // The plain call to C1 replaced by a collection call played in the Call section (the
  // practice's choices): it goes into the plan, and the page back to the game.
  await command({action: 'remove-move', index: 0});
  t = await command({action: 'call', customer: 'C1', choices: 'ideal'});
  expect(t.section === 'Game' && t.plan.length === 2 && t.plan[1].startsWith('call C1 choices'),
         `the call in the plan: ${JSON.stringify(t.plan)}`);
  await command({action: 'show', section: 'call'});
  await fits('call');
  await command({action: 'show', section: 'exercises'});
  await fits('exercises');
  await command({action: 'show', section: 'game'});
  // "Play week" clicked where the app drew it.
  const at = await centreOf(page, 'training-play');
  await page.mouse.click(at.x, at.y);
  await page.waitForFunction(() => window.arlab.summary().training.week === 1, null,
                             {timeout: WAIT_MS});
  t = (await summaryOf(page)).training;
  expect(t.log.length === 1 && t.log[0].moves === 2 && t.log[0].done.length === 2,
         `week 1's log: ${JSON.stringify(t.log)}`);
  expect(t.calls.length === 1 && t.calls[0].customer === 'C1' && t.calls[0].score === 100,
         `the call played in week 1: ${JSON.stringify(t.calls)}`);
  expect(t.log[0].events.some((e) => e.includes('C1')),
         `the call's outcome in week 1's events: ${JSON.stringify(t.log[0].events)}`);
  await fits('week');
  await command({action: 'use-hint'});
  t = await command({action: 'play'});
  expect(t.over && t.debrief, `not over after week 2: ${JSON.stringify(t)}`);
  const total = t.debrief.total;
  await fits('debrief');
  expect(t.results.length === kept + 1, `results: ${t.results.length}, expected ${kept + 1}`);
  await page.evaluate(() => window.arlab.flush());
  await waitSaved(page);
  await page.reload();
  await waitReady(page, 5);
  expect(await page.evaluate(() => window.arlab.showPanel('training')), 'no Training tab after the reload');
  t = await command({action: 'show', section: 'progress'});
  const last = t.results[t.results.length - 1];
  expect(t.results.length === kept + 1 && last.scenario === 'forgetful-customer' &&
         last.total === total && last.trainee === 'E2E Trainee' && last.weeks === 2 &&
         last.calls === 1,
         `after the reload, Progress holds ${JSON.stringify(t.results)}`);
  expect(t.trainee === 'E2E Trainee', `the trainee after the reload: "${t.trainee}"`);
  await fits('progress');
  console.log(`     scored ${total} (by the book ${t.results[t.results.length - 1].by_the_book}); ` +
              `${cut.length} texts cut`);
  expect(cut.length === 0, `text cut:\n       ${cut.join('\n       ')}`);
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
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
  // The app moves the sample's dates so that it ends today (summary.sample_shift_days): its
  // figures as of D are those of the file, unmoved, as of D - shift (the CLI's).
  expect(summary.as_of === summary.today, `as of ${summary.as_of}, not today ${summary.today}`);
  const cliAsOf = addDays(summary.as_of, -summary.sample_shift_days);
  const cliOut = execFileSync(opts.cli, ['aging', opts.sample, '--as-of', cliAsOf,
                                         '--format', 'json'], {encoding: 'utf8'});
  const totals = JSON.parse(cliOut).totals;
  console.log(`     page as of ${summary.as_of} (sample moved ${summary.sample_shift_days} days), ` +
              `CLI as of ${cliAsOf}: page open ${summary.open}, CLI open ${totals.open}`);
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
  // The holds the dashboard counts are core's collection position, as `arlab holds` prints it.
  const holds = JSON.parse(execFileSync(opts.cli, ['holds', opts.sample, '--as-of', cliAsOf,
                                                   '--format', 'json'], {encoding: 'utf8'}));
  console.log(`     on hold: page ${summary.on_hold}, CLI ${holds.on_hold} of ${holds.customers}`);
  expect(summary.on_hold === holds.on_hold,
         `${summary.on_hold} customers on hold on the page, ${holds.on_hold} from arlab holds`);
  // And its "What to do today" is core's worklist, as `arlab worklist` prints it.
  const work = JSON.parse(execFileSync(opts.cli, ['worklist', opts.sample, '--as-of', cliAsOf,
                                                  '--format', 'json'], {encoding: 'utf8'}));
  console.log(`     worklist: page ${summary.worklist_items} items, CLI ${work.items.length}`);
  // Item by item kind. Reviews fall due calendar months after the last review (by grade), and
  // months do not move with the sample's shift by days (Jan 31 + 1 month is Feb 28, Mar 3
  // + 1 month is Apr 3): those may differ by a few; every other kind is counted in days.
  const cliActions = {};
  for (const item of work.items) cliActions[item.action] = (cliActions[item.action] || 0) + 1;
  const pageActions = summary.worklist_actions;
  for (const action of new Set([...Object.keys(cliActions), ...Object.keys(pageActions)])) {
    if (action === 'review') continue;
    expect((pageActions[action] || 0) === (cliActions[action] || 0),
           `${action}: ${pageActions[action] || 0} on the page, ${cliActions[action] || 0} from arlab worklist`);
  }
  console.log(`     reviews due (calendar months, not shifted): page ${pageActions.review || 0}, ` +
              `CLI ${cliActions.review || 0}`);
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
  await answerReplace(page, 'Enter');  // A picked book asks first: "Replace the open book?"
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

// [SECTION] never lose a book: every replace asks; the replaced book is a snapshot

// A key tapped while no frame runs (as a quick tap on a slow frame), then a few frames.
async function tapKey(page, key) {
  await page.focus('#canvas');
  await page.evaluate(() => window.Module.pauseMainLoop());
  await page.keyboard.press(key);
  await page.evaluate(() => window.Module.resumeMainLoop());
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
}

async function waitConfirmShowing(page) {
  await page.waitForFunction(() => window.arlab.summary().confirm_replace.showing, null,
                             {timeout: WAIT_MS});
  return page.evaluate(() => window.arlab.summary());
}

// "Replace the open book?" is up: Enter replaces, Escape cancels; then it is gone.
async function answerReplace(page, key) {
  await waitConfirmShowing(page);
  await tapKey(page, key);
  await page.waitForFunction(() => !window.arlab.summary().confirm_replace.open, null,
                             {timeout: WAIT_MS});
}

async function shotAtSizes(page, name) {
  await shot(page, `${name}-1280x800.png`);
  await page.setViewportSize({width: 1024, height: 700});
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 5);
  await shot(page, `${name}-1024x700.png`);
  await page.setViewportSize({width: 1280, height: 800});
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 5);
}

async function pickBook(page, file) {
  const before = await openCount(page);
  await page.setInputFiles('#arlab-file', file);
  const opened = await waitOpened(page, before + 1);
  expect(opened.ok, `${path.basename(file)} (file picker) was not read: ${JSON.stringify(opened)}`);
}

// After check 4's reload: the small book (3 invoices), reopened under its own name.
async function checkReplaceAsks(page) {
  let summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.book === 'small-book.json' && summary.book_reloaded === true,
         `after the reload the book is "${summary.book}" (reloaded ${summary.book_reloaded}), ` +
         'not small-book.json');
  const canUndo = summary.can_undo;
  const other = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'arlab-e2e-')), 'other-book.json');
  fs.writeFileSync(other, smallBookPlus('9.00'));  // 4 invoices, 1059.50 open.
  await pickBook(page, other);
  summary = await waitConfirmShowing(page);
  const ask = summary.confirm_replace;
  expect(ask.replaces === 'small-book.json' && ask.with === 'other-book.json' &&
         ask.invoices === 4, `the question names ${JSON.stringify(ask)}`);
  expect(summary.invoices === 3, `replaced before the answer: ${summary.invoices} invoices`);
  await shotAtSizes(page, '15-confirm-replace');
  await tapKey(page, 'Escape');
  summary = await page.evaluate(() => window.arlab.summary());
  expect(!summary.confirm_replace.open, 'Escape did not close the question');
  expect(summary.book === 'small-book.json' && summary.can_undo === canUndo,
         `after Cancel: ${summary.book}, can_undo ${summary.can_undo}`);
  await expectSmallBook(page, 'after Cancel');

  await pickBook(page, other);
  await answerReplace(page, 'Enter');
  summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.book === 'other-book.json' && summary.invoices === 4 &&
         cents(summary.open) === 105950n,
         `after Replace: ${summary.book}, ${summary.invoices} invoices, open ${summary.open}`);
  await waitSaved(page);
  await page.reload();
  await waitReady(page, 5);
  summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.book === 'other-book.json' && summary.invoices === 4,
         `after the reload: ${summary.book}, ${summary.invoices} invoices`);
  const kept = summary.snapshots.find((s) => s.kind === 'before replace' &&
                                             s.book === 'small-book.json');
  expect(kept && kept.invoices === 3 && kept.why === 'before replace',
         `no "before replace" snapshot of small-book.json: ${JSON.stringify(summary.snapshots)}`);
  console.log(`     ${summary.snapshots.length} snapshots: ` +
              summary.snapshots.map((s) => `${s.book} (${s.invoices}) ${s.why}`).join(', '));
  expect(await page.evaluate(() => window.arlab.showPanel('storage')), 'no "storage" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await shotAtSizes(page, '15-storage-snapshots');
  expect(await page.evaluate((id) => window.arlab.restoreSnapshot(id), kept.id),
         `snapshot ${kept.id} could not be restored`);
  summary = await waitConfirmShowing(page);
  expect(summary.confirm_replace.with === 'small-book.json' && summary.invoices === 4,
         `Restore asks ${JSON.stringify(summary.confirm_replace)} over ${summary.invoices}`);
  await answerReplace(page, 'Enter');
  summary = await page.evaluate(() => window.arlab.summary());
  expect(summary.book === 'small-book.json', `restored as "${summary.book}"`);
  await expectSmallBook(page, 'after Restore');
  await waitSaved(page);
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
}

// [SECTION] issue 10: dates and defaults, errors in plain words
// "YYYY-MM-DD" plus `days` (civil dates, no time zone involved).
function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

// The date on a wall clock in `timeZone` ("YYYY-MM-DD"); undefined: this machine's zone.
function localDate(timeZone, when = new Date()) {
  return new Intl.DateTimeFormat('en-CA', {timeZone, year: 'numeric', month: '2-digit',
                                           day: '2-digit'}).format(when);
}

async function nextFrames(page, n = 3) {
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + n);
}

// Today is the user's local date, not UTC's: pages in UTC+14 and UTC-11 (at any hour one of
// the two is on another day than UTC) open the sample moved to end on their own today, as of
// it, with new entries dated it.
async function checkTodayLocal(chromium, origin) {
  const browser = await chromium.launch({
    executablePath: opts.chromium, headless: true,
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
  });
  try {
    const seen = [];
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      const context = await browser.newContext({timezoneId: timeZone,
                                                viewport: {width: 1280, height: 800}});
      const page = await context.newPage();
      await page.goto(origin + '/');
      await waitReady(page, 5);
      expect(await page.evaluate(() => window.arlab.showPanel('invoice')), 'no "invoice" form');
      await nextFrames(page);
      const s = await page.evaluate(() => window.arlab.summary());
      const expected = localDate(timeZone);
      console.log(`     ${timeZone}: today ${s.today} (UTC ${localDate('UTC')}), as of ${s.as_of}, ` +
                  `new invoice dated ${s.form_dates.invoice}, sample moved ${s.sample_shift_days}`);
      expect(s.today === expected, `${timeZone}: today is ${s.today}, the zone's date ${expected}`);
      expect(s.as_of === expected, `${timeZone}: as of ${s.as_of}, not today ${expected}`);
      expect(s.form_dates.invoice === expected,
             `${timeZone}: a new invoice is dated ${s.form_dates.invoice}, not today ${expected}`);
      expect(s.book === 'sample' && (s.sample_shift_days === 0 || /ends today$/.test(s.status)),
             `${timeZone}: book ${s.book}, status "${s.status}"`);
      seen.push(s.today);
      await context.close();
    }
    expect(seen.some((d) => d !== localDate('UTC')), `both zones gave UTC's date ${seen}`);
  } finally {
    await browser.close();
  }
}

// The sample in the main page: a new entry's date is today; the toolbar has its Today button.
async function checkNewEntryToday(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('invoice')), 'no "invoice" form');
  await nextFrames(page);
  const s = await page.evaluate(() => window.arlab.summary());
  expect(s.today === localDate(), `today ${s.today}, this machine's date ${localDate()}`);
  expect(s.form_dates.invoice === s.today,
         `a new invoice is dated ${s.form_dates.invoice}, not today ${s.today}`);
  await shot(page, '16-new-invoice-today.png');
}

// A used id, an impossible date and a negative amount: three problems in one submit, each
// for its field, in words (not `invoices[2160].id`). Nothing is recorded.
async function checkFormErrors(page) {
  const before = await page.evaluate(() => window.arlab.summary());
  expect(await page.evaluate(() => window.arlab.showPanel('invoice')), 'no "invoice" form');
  await nextFrames(page);
  const filled = await page.evaluate(() => window.arlab.formCommand({
    form: 'invoice', id: 'INV-000001', customer: 'C001', date: '2025-02-30', amount: '-5.00',
    override: 'e2e: C001 is on hold'}));
  expect(filled, 'formCommand did not fill the invoice form');
  await nextFrames(page, 2);
  await page.evaluate(() => window.arlab.formCommand({form: 'invoice', submit: true}));
  await nextFrames(page);
  const s = await page.evaluate(() => window.arlab.summary());
  const got = JSON.stringify(s.form_problems);
  const want = JSON.stringify([
    {field: 'id', text: 'Invoice id: INV-000001 is already used by another invoice'},
    {field: 'date', text: 'Date: not a date: "2025-02-30" (YYYY-MM-DD)'},
    {field: 'amount', text: 'Amount: must be positive'}]);
  expect(got === want, `form problems ${got}, expected ${want}`);
  expect(s.invoices === before.invoices, `${s.invoices} invoices: something was recorded`);
  await shot(page, '17-form-errors.png');
}

// Chen Hardware (C001, limit 10,000.00) asked for 20,000.00 more: the warning waits for an
// answer; "Record anyway" records it.
async function checkCreditWarning(page) {
  const before = await page.evaluate(() => window.arlab.summary());
  await page.evaluate((today) => window.arlab.formCommand({
    form: 'invoice', id: 'E2E-CREDIT-1', customer: 'C001', date: today, amount: '20000.00',
    override: 'e2e: agreed with the CFO'}),  // C001 is on hold (past its one-third limit).
  before.today);
  await nextFrames(page, 2);
  let s = await page.evaluate(() => window.arlab.summary());
  expect(/^Credit limit 10,000\.00; owes [\d,.]+ on \d{4}-\d\d-\d\d: /.test(s.credit_headroom),
         `headroom under the customer: "${s.credit_headroom}"`);
  await page.evaluate(() => window.arlab.formCommand({form: 'invoice', submit: true}));
  await nextFrames(page);
  s = await page.evaluate(() => window.arlab.summary());
  expect(/^Chen Hardware would owe [\d,.]+ with this invoice,\n/.test(s.credit_warning) &&
         /\nover its credit limit of 10,000\.00 by [\d,.]+\.\n/.test(s.credit_warning),
         `credit warning "${s.credit_warning}"`);
  expect(s.form_problems.length === 0, `problems ${JSON.stringify(s.form_problems)}`);
  expect(s.invoices === before.invoices, 'recorded before the answer');
  await shot(page, '18-credit-warning.png');
  await page.evaluate(() => window.arlab.formCommand({form: 'invoice', answer: 'record-anyway'}));
  await nextFrames(page);
  s = await page.evaluate(() => window.arlab.summary());
  expect(s.invoices === before.invoices + 1, `${s.invoices} invoices after Record anyway`);
  expect(s.credit_warning === '' && /^Recorded: Invoice E2E-CREDIT-1/.test(s.status),
         `after Record anyway: warning "${s.credit_warning}", status "${s.status}"`);
}

// A dropped photo and another program's JSON: plain words, the book unchanged.
async function checkNotABook(page) {
  const before = await page.evaluate(() => window.arlab.summary());
  const png = fs.readFileSync(path.join(opts.artifacts, '01-sample.png'));
  const count = await openCount(page);
  await page.evaluate(([bytes]) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], 'photo.png', {type: 'image/png'}));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true}));
    canvas.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true,
                                                cancelable: true}));
  }, [Array.from(png)]);
  const dropped = await waitOpened(page, count + 1);
  expect(dropped.name === 'photo.png' && !dropped.ok, `photo.png: ${JSON.stringify(dropped)}`);
  await nextFrames(page);
  let s = await page.evaluate(() => window.arlab.summary());
  const kinds = 'is not an arlab book, commission plan, commission statement or CSV file';
  expect(s.status === `photo.png ${kinds}: it is a PNG image`, `status "${s.status}"`);
  expect(s.problems.title === `photo.png ${kinds}`, `problems "${s.problems.title}"`);
  expect(s.invoices === before.invoices && s.open === before.open && s.book === before.book,
         'the book changed');
  await shot(page, '19-not-a-book.png');
  const taken = await page.evaluate(
      () => window.arlab.openText('package.json', '{"name": "x", "version": "1.0"}'));
  s = await page.evaluate(() => window.arlab.summary());
  expect(!taken && s.status === `package.json ${kinds}: it is a JSON object without ` +
                                '"invoices" or "customers" (its members: "name", "version")',
         `status "${s.status}"`);
  expect(s.invoices === before.invoices && s.open === before.open, 'the book changed');
  await page.focus('#canvas');  // Escape closes the problems window (tapped between frames).
  await page.evaluate(() => Module.pauseMainLoop());
  await page.keyboard.press('Escape');
  await page.evaluate(() => Module.resumeMainLoop());
  await nextFrames(page);
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

// A key tapped while no frame runs (the worst case for Dear ImGui 1.86), then a few frames.
async function tap(page, key) {
  await page.evaluate(() => Module.pauseMainLoop());
  await page.keyboard.press(key);
  await page.evaluate(() => Module.resumeMainLoop());
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
}

async function summaryOf(page) {
  return page.evaluate(() => window.arlab.summary());
}

// Where the app drew a control (ui::mark), in page pixels.
async function centreOf(page, name) {
  const summary = await summaryOf(page);
  const r = summary.rects[name];
  expect(r, `no control "${name}" drawn; drawn: ${Object.keys(summary.rects).join(', ')}`);
  const box = await page.locator('#canvas').boundingBox();
  const scale = box.width / summary.display[0];
  return {x: box.x + (r[0] + r[2] / 2) * scale, y: box.y + (r[1] + r[3] / 2) * scale};
}

// Arrow keys move the invoice list's selection row by row, as in any list.
async function checkListKeys(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('invoices')), 'no "invoices" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await page.mouse.click(640, 420);  // A row of the list: selected by the click.
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  const clicked = (await summaryOf(page)).invoices_selected;
  expect(clicked, 'the click selected no invoice');
  await tap(page, 'ArrowDown');
  const down = (await summaryOf(page)).invoices_selected;
  expect(down && down !== clicked, `ArrowDown left the selection on ${down}`);
  await shot(page, '13-list-arrow-down.png');
  await tap(page, 'ArrowUp');
  const up = (await summaryOf(page)).invoices_selected;
  expect(up === clicked, `ArrowUp after ArrowDown selected ${up}, not ${clicked} again`);
  console.log(`     click ${clicked}, ArrowDown ${down}, ArrowUp ${up}`);
}

// The Statement tab's customer combo: Escape closes it with the customer unchanged; typing a
// filter that leaves one customer and Enter chooses that one.
async function checkComboKeys(page) {
  expect(await page.evaluate(() => window.arlab.showPanel('statement')), 'no "statement" panel');
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  const before = (await summaryOf(page)).statement_customer;
  let at = await centreOf(page, '##statement_customer');
  await page.mouse.click(at.x, at.y);
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  expect((await summaryOf(page)).popup_open === true, 'a click did not open the combo');
  await shot(page, '14-combo-open.png');
  await tap(page, 'Escape');
  let summary = await summaryOf(page);
  expect(summary.popup_open === false, 'Escape left the combo open');
  expect(summary.statement_customer === before, `Escape changed the customer to ${summary.statement_customer}`);
  // The last customer of the book: typed in full, its id is the only match.
  const target = execFileSync(opts.cli, ['aging', opts.sample, '--format', 'json'],
                              {encoding: 'utf8'});
  const ids = JSON.parse(target).customers.map((c) => c.id).filter((id) => id !== before);
  const wanted = ids[ids.length - 1];
  at = await centreOf(page, '##statement_customer');
  await page.mouse.click(at.x, at.y);
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await page.keyboard.type(wanted);
  await waitReady(page, (await page.evaluate(() => window.arlab.frames())) + 3);
  await tap(page, 'Enter');
  summary = await summaryOf(page);
  expect(summary.popup_open === false, 'Enter on the only match left the combo open');
  expect(summary.statement_customer === wanted,
         `Enter on "${wanted}" chose ${summary.statement_customer}`);
  console.log(`     Escape kept ${before}; typed ${wanted}, Enter chose ${summary.statement_customer}`);
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
}

// [SECTION] issue 10: the comparison's names and export, presets, the lines pane, Help
// The page on the sample book (what the CLI reads from assets/sample-book.json).
// The embedded sample opens with its dates moved to end today, and earlier checks record
// in it: the file itself is opened (scripts replace without asking).
async function ensureSample(page) {
  const now = await summaryOf(page);
  if (now.book === 'sample-book.json' && !now.can_undo) return;
  const ok = await page.evaluate((t) => window.arlab.openText('sample-book.json', t),
                                 fs.readFileSync(opts.sample, 'utf8'));
  expect(ok, 'the sample book was not accepted');
  // As of its last document (the toolbar's button): the periods compared have activity.
  await nextFrames(page);
  const at = await centreOf(page, 'today_of_the_book');
  await page.mouse.click(at.x, at.y);
  await nextFrames(page);
  const asOf = (await summaryOf(page)).as_of;
  expect(asOf === '2025-12-31', `"Today of the book" set the as-of date to ${asOf}`);
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
  await shot(page, '21-compare-1280x800.png');
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
  await shot(page, '21-compare-1024x700.png');
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
  await shot(page, '23-lines-taller.png');
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
      await shot(page, `24-${file}-${width}x${height}.png`);
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

// No text cut at 1024x700, 1280x800 and 1920x1080: every screen, measured by the UI itself
// (app/layout_check.h: table cells and headers past their edge, windows whose content runs
// past their right side, tabs that do not fit). Text cut on purpose ends in "..." and shows
// whole on hover; it is not counted.
async function checkTextFits(page) {
  const screens = ['dashboard', 'aging', 'customer', 'statement', 'invoices', 'metrics',
                   'invoice', 'payment', 'credit-note', 'write-off', 'new-customer', 'history',
                   'storage', 'import', 'commission', 'commission-compare', 'case', 'worklist',
                   'credit-file', 'policy'];
  const cut = [];
  for (const [width, height] of [[1024, 700], [1280, 800], [1920, 1080]]) {
    await page.setViewportSize({width, height});
    for (const screen of screens) {
      expect(await page.evaluate((n) => window.arlab.showPanel(n), screen), `no "${screen}"`);
      await nextFrames(page, 4);
      const s = await summaryOf(page);
      expect(s.display[0] === width, `the app is ${s.display[0]} px wide in a ${width} px page`);
      for (const o of s.overflows) cut.push(`${width}x${height} ${screen}: ${o}`);
    }
    await shot(page, `25-fits-commission-${width}x${height}.png`);
  }
  await page.setViewportSize({width: 1280, height: 800});
  await nextFrames(page, 3);
  await page.evaluate(() => window.arlab.showPanel('dashboard'));
  console.log(`     ${screens.length} screens at 3 sizes: ${cut.length} cut`);
  expect(cut.length === 0, `text cut:\n       ${cut.join('\n       ')}`);
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

// The Simulation page (issue 12): two policies run in the page's Web Worker while the page
// keeps drawing; the progress reaches the total; the exported result is the CLI's
// `arlab simulate ... --format json` for the same book, policy, horizon, runs and seed; Cancel
// stops a long run and keeps its runs done, labelled partial.
const kTwoTen = {format: 'arlab-policy/1', name: '2/10 net 30', discount: {rate: '2%', within_days: 10},
                 terms: {net_days: 30}};

async function simState(page) {
  return (await summaryOf(page)).simulation;
}

async function checkSimulation(page) {
  await ensureSample(page);
  expect(await page.evaluate(() => window.arlab.showPanel('simulation')), 'no Simulation page');
  await nextFrames(page);
  // The policy as a file, as the user would load it (routed by its format to the page).
  const policyText = JSON.stringify(kTwoTen, null, 2);
  expect(await page.evaluate((t) => window.arlab.openText('two-ten.json', t), policyText),
         'the policy file was not taken');
  await nextFrames(page);
  let sim = await simState(page);
  expect(sim.policies.length === 2 && sim.policies[1].name === '2/10 net 30',
         `policies: ${JSON.stringify(sim.policies.map((p) => p.name))}`);
  // Frames a second when idle (software GL in a headless browser draws few): the yardstick.
  const idle0 = await page.evaluate(() => window.arlab.frames());
  await new Promise((r) => setTimeout(r, 1500));
  const idleFps = ((await page.evaluate(() => window.arlab.frames())) - idle0) / 1.5;
  const runs = 10000, seed = 11, horizon = 12;
  expect(await page.evaluate((c) => window.arlab.simulation(c),
                             {action: 'run', runs, seed, horizon}), 'run refused');
  sim = await simState(page);
  expect(sim.running, `not running: ${JSON.stringify(sim.problems)}`);
  expect(sim.where === 'a Web Worker', `runs on "${sim.where}", not a Web Worker`);
  // Responsive: frames go on while the worker runs; the progress moves to the total.
  let frames0 = await page.evaluate(() => window.arlab.frames());
  let sawPartial = false, framesWhileRunning = 0;
  const t0 = Date.now();
  while ((sim = await simState(page)).running) {
    expect(Date.now() - t0 < WAIT_MS, `still running after ${WAIT_MS} ms: ${sim.runs_done}`);
    if (sim.runs_done > 0 && sim.runs_done < runs) sawPartial = true;
    await new Promise((r) => setTimeout(r, 100));
    const frames = await page.evaluate(() => window.arlab.frames());
    framesWhileRunning += frames - frames0;
    frames0 = frames;
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`     ${runs} runs in ${seconds.toFixed(1)} s on ${sim.where}, ` +
              `${framesWhileRunning} frames drawn meanwhile (idle: ${idleFps.toFixed(1)} a second)`);
  expect(!sim.error, `the run stopped: ${sim.error}`);
  expect(sim.runs_done === runs && !sim.cancelled, `done ${sim.runs_done} of ${runs}`);
  // The page's own work while the worker runs (copying chunks, summaries) costs frames, but
  // it never stops drawing: at least a third of the idle rate.
  expect(framesWhileRunning >= Math.max(2, seconds * idleFps / 3),
         `only ${framesWhileRunning} frames in ${seconds.toFixed(1)} s (idle ` +
         `${idleFps.toFixed(1)} a second): the page froze`);
  expect(sawPartial || seconds < 0.3, 'no result arrived before the end');
  await nextFrames(page);
  await shot(page, '27-simulation.png');
  // The export is the CLI's bytes for the same request.
  const at = await centreOf(page, 'sim-export-json');
  const exported = await downloadByClick(page, [at.x, at.y]);
  const policyFile = path.join(opts.artifacts, 'two-ten.json');
  fs.writeFileSync(policyFile, policyText);
  const cli = execFileSync(opts.cli, ['simulate', opts.sample, '--policy', policyFile,
                                      '--runs', String(runs), '--seed', String(seed),
                                      '--horizon', String(horizon), '--format', 'json'],
                           {encoding: 'utf8'});
  const a = JSON.parse(exported.text), b = JSON.parse(cli);
  for (let k = 0; k < 2; ++k) {
    const pa = a.policies[k].months.map((m) => m.cash.mean);
    const pb = b.policies[k].months.map((m) => m.cash.mean);
    expect(JSON.stringify(pa) === JSON.stringify(pb),
           `policy ${k} cash by month: page ${pa.join(' ')}, CLI ${pb.join(' ')}`);
  }
  expect(exported.text === cli, 'the exported JSON differs from the CLI\'s');
  // Cancel: a long run stops, keeps its runs done, says partial; the page goes on.
  expect(await page.evaluate(() => window.arlab.simulation({action: 'run', runs: 100000})),
         'long run refused');
  await page.waitForFunction(() => window.arlab.summary().simulation.runs_done > 0,
                             null, {timeout: WAIT_MS});
  expect(await page.evaluate(() => window.arlab.simulation({action: 'cancel'})), 'cancel refused');
  sim = await simState(page);
  expect(!sim.running && sim.cancelled, `after cancel: running ${sim.running}`);
  expect(sim.runs_done > 0 && sim.runs_done < 100000, `cancelled at ${sim.runs_done}`);
  expect(sim.result && sim.result.partial && sim.result.runs_done === sim.runs_done,
         `result after cancel: ${JSON.stringify(sim.result && sim.result.runs_done)}`);
  await nextFrames(page, 5);
  expect((await simState(page)).runs_done === sim.runs_done, 'runs went on after cancel');
  await shot(page, '27-simulation-cancelled.png');
}

// The benchmark's book in the page (1,000 customers, 24 months, 24,000 invoices: arlab_bench
// simulate's) and 10,000 runs of its policies, twice. Cold: Run right after the book is opened
// (no spare Worker: a new one is sent the book's JSON). Warm, as a user: the Simulation page
// shown, its spare Worker warmed on the book (summary().simulation.warm), then Run: issue 12's
// aim, first results on screen under 1 s. Both figures printed (docs/BENCHMARKS.md); the page
// draws while the Worker runs; the warm run (the spare's kept book and fit, core's replan) gives
// the cold run's numbers exactly. Then the sample again, for the checks after.
async function checkSimulationFirstResults(page) {
  const big = execFileSync(opts.cli, ['generate', '--customers', '1000', '--months', '24',
                                      '--invoices', '24000'],
                           {encoding: 'utf8', maxBuffer: 64 << 20});
  const run = {action: 'run', runs: 10000, seed: 1, horizon: 12};
  // Cold: the book opened and Run in one go, before any frame could make a spare.
  const cold = await timeFirstResults(page, big, run);
  const coldResult = (await simState(page)).result;
  // Warm: the book opened again (another generation: the cold run's Worker, kept, is of the
  // old one), the page shown until its spare says it is warm.
  expect(await page.evaluate((t) => window.arlab.openText('bench-1000.json', t), big),
         'the 1,000-customer book was not accepted again');
  expect(await page.evaluate(() => window.arlab.showPanel('simulation')), 'no Simulation page');
  const w0 = Date.now();
  await page.waitForFunction(() => {
    const s = window.arlab.summary().simulation;
    return s && (s.warm || s.spare === 'failed');
  }, null, {timeout: WAIT_MS, polling: 50});
  let sim = await simState(page);
  expect(sim.warm, `the spare Worker did not warm: ${sim.spare}`);
  const warmedIn = (Date.now() - w0) / 1000;
  const warm = await timeFirstResults(page, null, run);
  const warmResult = (await simState(page)).result;
  const line = (r) => `first results (${r.firstRuns} runs) on screen in ${r.first.toFixed(2)} s, ` +
                      `all 10,000 runs in ${r.all.toFixed(1)} s`;
  console.log(`     1,000 customers, ${warm.policies} policies on ${warm.where}:\n` +
              `       cold (Run as the book opens): ${line(cold)}\n` +
              `       warm (spare warmed in ${warmedIn.toFixed(1)} s): ${line(warm)}, ` +
              `${warm.frames} frames drawn meanwhile`);
  for (const [name, r] of [['cold', cold], ['warm', warm]])
    expect(!r.error && r.runsDone === 10000, `${name}: done ${r.runsDone}: ${r.error}`);
  expect(warm.where === 'a Web Worker', `the warm run was on "${warm.where}"`);
  expect(JSON.stringify(warmResult.policies) === JSON.stringify(coldResult.policies),
         `the warm run's results differ from the cold run's: ${JSON.stringify(warmResult.policies)}` +
         ` vs ${JSON.stringify(coldResult.policies)}`);
  expect(warm.frames >= 2, `only ${warm.frames} frames while the warm run ran: the page froze`);
  // Issue 12's aim: under 1 s, asserted for the warm run (0.3 s seen on a 2-core machine with
  // a load of 3 and software GL); the cold run (1.0-1.1 s seen) is bounded loosely.
  expect(warm.first < 1, `warm: first results after ${warm.first.toFixed(2)} s`);
  expect(cold.first < 3, `cold: first results after ${cold.first.toFixed(2)} s`);
  await nextFrames(page);
  await shot(page, '28-simulation-1000.png');
  await ensureSample(page);
}

// Opens `book` if given and presses Run (`command`) in one go (no frame between), then times
// from Run to the first frame drawn with a result (the summary has it, and one more frame shows
// it) and to the end.
async function timeFirstResults(page, book, command) {
  const t0 = Date.now();
  const opened = await page.evaluate(([t, c]) => {
    const start = performance.now();
    if (t !== null && !window.arlab.openText('bench-1000.json', t)) return null;
    const openMs = performance.now() - start;
    return window.arlab.simulation(c) ? openMs : null;
  }, [book, command]);
  expect(opened !== null, 'the book or the run was refused');
  const tRun = t0 + opened;
  await page.waitForFunction(() => {
    const s = window.arlab.summary().simulation;
    return s && s.result && s.result.runs_done > 0;
  }, null, {timeout: WAIT_MS, polling: 10});
  const f0 = await page.evaluate(() => window.arlab.frames());
  await page.waitForFunction((f) => window.arlab.frames() > f, f0, {timeout: WAIT_MS, polling: 10});
  const first = (Date.now() - tRun) / 1000;
  let sim = await simState(page);
  const firstRuns = sim.result ? sim.result.runs_done : 0;
  let frames0 = await page.evaluate(() => window.arlab.frames()), frames = 0;
  while ((sim = await simState(page)).running) {
    expect(Date.now() - t0 < WAIT_MS, `still running after ${WAIT_MS} ms: ${sim.runs_done}`);
    await new Promise((r) => setTimeout(r, 100));
    const f = await page.evaluate(() => window.arlab.frames());
    frames += f - frames0;
    frames0 = f;
  }
  return {first, firstRuns, all: (Date.now() - tRun) / 1000, frames, runsDone: sim.runs_done,
          error: sim.error, where: sim.where, policies: sim.policies.length};
}

// The Tornado in the browser: the base, then each assumption at its low and its high, one request
// after the other, each on the Web Worker the one before left as the spare (the book kept, the
// fit reused: core's replan); its base and bars are `arlab simulate --tornado`'s for the same
// book, policy, seed and runs.
async function checkSimulationTornado(page) {
  await ensureSample(page);
  expect(await page.evaluate(() => window.arlab.showPanel('simulation')), 'no Simulation page');
  await nextFrames(page);
  const policyText = JSON.stringify(kTwoTen, null, 2);
  if (!(await simState(page)).policies.some((p) => p.name === kTwoTen.name)) {
    expect(await page.evaluate((t) => window.arlab.openText('two-ten.json', t), policyText),
           'the policy file was not taken');
  }
  expect(await page.evaluate((n) => window.arlab.simulation({action: 'select', policy: n}),
                             kTwoTen.name), 'no policy to select');
  // A short run sets the seed and horizon the tornado takes (and leaves its Worker warm).
  const seed = 5, horizon = 12, runs = 40;
  expect(await page.evaluate((c) => window.arlab.simulation(c),
                             {action: 'run', runs: 200, seed, horizon}), 'run refused');
  await page.waitForFunction(() => !window.arlab.summary().simulation.running, null,
                             {timeout: WAIT_MS, polling: 50});
  const t0 = Date.now();
  expect(await page.evaluate((n) => window.arlab.simulation({action: 'tornado', runs: n}), runs),
         'tornado refused');
  await page.waitForFunction(() => !window.arlab.summary().simulation.tornado.running, null,
                             {timeout: WAIT_MS, polling: 50});
  const seconds = (Date.now() - t0) / 1000;
  const t = (await simState(page)).tornado;
  expect(!t.problem && !t.cancelled && t.bars && t.bars.length > 0,
         `tornado: ${t.problem} (${t.bars ? t.bars.length : 0} bars)`);
  console.log(`     ${t.cases} cases of ${runs} runs and the base in ${seconds.toFixed(1)} s`);
  const policyFile = path.join(opts.artifacts, 'two-ten.json');
  fs.writeFileSync(policyFile, policyText);
  const cli = JSON.parse(execFileSync(opts.cli, [
    'simulate', opts.sample, '--policy', policyFile, '--tornado', '--tornado-runs', String(runs),
    '--seed', String(seed), '--horizon', String(horizon), '--format', 'json'], {encoding: 'utf8'}));
  // The page's means in minor units, as the CLI writes them: rounded half away from zero.
  const money = (v) => {
    const n = Math.sign(v) * Math.round(Math.abs(v));
    return (n < 0 ? '-' : '') + (Math.abs(n) / 100).toFixed(2);
  };
  expect(money(t.base) === cli.base, `base: page ${money(t.base)}, CLI ${cli.base}`);
  const page2 = t.bars.map((b) => `${b.param} ${money(b.low)} ${money(b.high)}`);
  const cli2 = cli.bars.map((b) => `${b.param} ${b.low} ${b.high}`);
  expect(page2.join('\n') === cli2.join('\n'),
         `bars: page\n${page2.join('\n')}\nCLI\n${cli2.join('\n')}`);
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
    await check('13 list keys: arrow keys move the invoice list\'s selection',
                () => checkListKeys(page));
    await check('14 combo keys: Escape closes a combo, Enter chooses the only match',
                () => checkComboKeys(page));
    await check('16 today: a new entry is dated today', () => checkNewEntryToday(page));
    await check('17 form errors: three problems at once, each naming its field',
                () => checkFormErrors(page));
    await check('18 credit: over the limit waits for Record anyway', () => checkCreditWarning(page));
    await check('19 not a book: a photo and a foreign JSON in plain words, the book kept',
                () => checkNotABook(page));
    await check('20 today is local: UTC+14 and UTC-11 pages open on their own date',
                () => checkTodayLocal(chromium, origin));
    await check('21 compare: cost and payable named apart; exports are the CLI\'s bytes',
                () => checkCommissionCompare(page));
    await check('22 presets: listed by plan name', () => checkCommissionPresets(page));
    await check('23 splitter: the lines pane is made taller by dragging',
                () => checkLinesSplitter(page));
    await check('24 help: F1 opens Help, each page has content, F1 closes it',
                () => checkHelp(page));
    await check('25 fits: no text cut on any screen at 1024x700, 1280x800, 1920x1080',
                () => checkTextFits(page));
    await check('26 case file: a contact, a promise and a letter are there after a reload',
                () => checkCaseFile(page));
    await check('27 simulation: two policies in a Web Worker, the page drawing; the CLI\'s result; cancel',
                () => checkSimulation(page));
    await check('28 first results: 1,000 customers x 10,000 runs, first results on screen in seconds',
                () => checkSimulationFirstResults(page));
    await check('29 tornado: each case on the Worker the one before left; the CLI\'s bars',
                () => checkSimulationTornado(page));
    await check('30 training: a practice round played to its debrief; its result after a reload',
                () => checkTraining(page));
    await check('3 open: picked book loads, broken book rejected', () => checkOpenFiles(page));
    await check('4 persists: the loaded book is back after a reload', () => checkPersists(page));
    await check('15 replace-asks: Open asks, Cancel keeps the book, the replaced one is restorable',
                () => checkReplaceAsks(page));
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
