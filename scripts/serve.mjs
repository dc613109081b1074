// Serves a folder on localhost only (no other host is contacted), with the MIME types a
// WebAssembly page needs. Usage: node scripts/serve.mjs DIR [PORT]  (PORT 0 = any free one)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] || '.');
const wanted = Number(process.argv[3] ?? process.env.PORT ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.json': 'application/json', '.css': 'text/css',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.data': 'application/octet-stream',
};

// The file a request's path names inside root, or null for a path that does not parse ("//",
// a bad %-escape: a request must never stop the server) or leaves root.
function fileOf(requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null;
  }
  const file = path.normalize(path.join(root, pathname));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

const server = http.createServer((req, res) => {
  let file = fileOf(req.url);
  if (file === null) { res.writeHead(400, {'Content-Type': 'text/plain'}).end('bad path\n'); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, {'Content-Type': 'text/plain'}).end('not found\n'); return; }
    res.writeHead(200, {'Content-Type': types[path.extname(file)] || 'application/octet-stream',
                        'Cache-Control': 'no-cache'});
    res.end(data);
  });
});

function listen(port, triesLeft) {
  server.once('error', (e) => {
    if (e.code === 'EADDRINUSE' && triesLeft > 0 && port !== 0) listen(port + 1, triesLeft - 1);
    else { console.error(`serve: ${e.message}`); process.exit(1); }
  });
  server.listen(port, '127.0.0.1', () => {
    console.log(`arlab is running at http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
  });
}
listen(wanted, 20);
