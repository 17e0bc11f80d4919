// A small static file server for the site (see site.mjs), bound to 127.0.0.1 only.
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

import { siteMounts } from './site.mjs';

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
};

// The file behind a URL path, or null when it lies outside every mount (no `..` escapes).
export function resolveSitePath(urlPath, mounts = siteMounts) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  for (const { prefix, dir } of mounts) {
    if (!decoded.startsWith(prefix)) continue;
    const relative = decoded.slice(prefix.length) || 'index.html';
    const file = path.resolve(dir, relative);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null;
    return file;
  }
  return null;
}

// The two headers that make a page cross-origin isolated (docs/hosting.md): only such a page has
// SharedArrayBuffer, so only there does the engine run on several cores (engine/ganvas-threads.mjs).
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Starts serving; resolves to { server, url } once listening. `port` 0 picks a free port. `isolated`
// (default) sends isolationHeaders with every file; without them the page runs the one-thread engine,
// as on a host that does not send them.
export function startServer({ port = 8080, host = '127.0.0.1', mounts = siteMounts, isolated = true,
  log = () => {} } = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    let file = resolveSitePath(url.pathname, mounts);
    let status = 200;
    try {
      if (!file) throw Object.assign(new Error('outside the site'), { code: 'ENOENT' });
      let info = await stat(file);
      if (info.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file);
      }
      response.writeHead(200, {
        'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': info.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(isolated ? isolationHeaders : {}),
      });
      if (request.method === 'HEAD') return response.end();
      createReadStream(file).pipe(response);
    } catch {
      status = 404;
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`404 not found: ${url.pathname}\n`);
    }
    log(`${request.method} ${url.pathname} ${status}`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actualPort } = server.address();
      resolve({ server, url: `http://${host}:${actualPort}/` });
    });
  });
}
