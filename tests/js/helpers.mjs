// Shared by the browser tests: a static file server for the repository and a headless Chromium.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.ts': 'text/plain',
};

/**
 * Serves the repository on 127.0.0.1 at a free port. Options: `cors` adds
 * Access-Control-Allow-Origin (as a host of the element for other origins would); `pages` maps a
 * path to generated HTML; `rewrite(path, text)` edits a served text file; `root` is the folder to
 * serve (the repository by default).
 */
export async function serve({ cors = false, pages = {}, rewrite, root = ROOT } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const headers = cors ? { 'access-control-allow-origin': '*' } : {};
    if (pages[url.pathname]) {
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(url.pathname)] ?? TYPES['.html'] }).end(pages[url.pathname]());
      return;
    }
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      let body = await readFile(path);
      if (rewrite && /\.(html|js|css)$/.test(path)) body = rewrite(url.pathname, body.toString('utf8'));
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, kept off the network beyond loopback. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}

/** Records console errors, page errors and every request the page makes. */
export function watch(page) {
  const seen = { errors: [], requests: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') seen.errors.push(msg.text()); });
  page.on('pageerror', (err) => seen.errors.push(err.message));
  page.on('request', (req) => seen.requests.push(req.url()));
  return seen;
}
