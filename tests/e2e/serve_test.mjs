// serve_test.mjs: scripts/serve.mjs, the README's first command's server (scripts/start.sh),
// against requests a browser or a curious user may send: the page and the module with their
// types, a missing file, paths that do not parse ("//", a bad %-escape) and paths that try to
// leave the folder; after all of them the server still answers. Usage:
//   node tests/e2e/serve_test.mjs      (exit 0 passed, 1 failed)
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const server = path.join(here, '..', '..', 'scripts', 'serve.mjs');
// A folder to serve, and a secret beside it (a sibling whose name starts with the folder's).
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'arlab-serve-'));
const web = path.join(base, 'web');
fs.mkdirSync(web);
fs.mkdirSync(path.join(base, 'web-secret'));
fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>arlab</title>');
fs.writeFileSync(path.join(web, 'arlab.wasm'), Buffer.from([0, 97, 115, 109]));
fs.writeFileSync(path.join(base, 'web-secret', 'key.txt'), 'secret');

function get(port, rawPath) {
  return new Promise((resolve) => {
    const req = http.request({host: '127.0.0.1', port, path: rawPath}, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({status: res.statusCode, type: res.headers['content-type'], body}));
    });
    req.on('error', (e) => resolve({status: 0, body: e.message}));
    req.end();
  });
}

const child = spawn(process.execPath, [server, web, '0'], {stdio: ['ignore', 'pipe', 'pipe']});
const port = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/127\.0\.0\.1:(\d+)/);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
});

const cases = [
  ['/', 200, 'text/html; charset=utf-8'],
  ['/arlab.wasm', 200, 'application/wasm'],
  ['/nope.js', 404],
  ['//', 400],
  ['/%E0', 400],
  ['/..%2f..%2fetc%2fpasswd', 400],
  ['/../web-secret/key.txt', 404],  // The URL's own ".." stays inside: /web-secret/key.txt.
  ['/%2e%2e/web-secret/key.txt', 404],  // The URL parser reads %2e%2e as "..": inside too.
  ['/', 200, 'text/html; charset=utf-8'],  // Still answering after all of the above.
];
let failed = 0;
for (const [p, status, type] of cases) {
  const r = await get(port, p);
  const ok = r.status === status && (!type || r.type === type) && !r.body.includes('secret');
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${p} -> ${r.status} ${r.type ?? ''}`);
}
child.kill();
fs.rmSync(base, {recursive: true, force: true});
console.log(failed ? `serve: ${failed} failed` : `serve: ${cases.length} passed`);
process.exit(failed ? 1 : 0);
