import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.bin': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A plain file server for dist/, mounted under a sub-path: the production build must work from
 * any static host and any sub-path, so the tests never serve it from '/'.
 */
export async function serveStatic(root: string, mount = '/lae/sub/'): Promise<{ url: string; close(): Promise<void> }> {
  return startServer(root, mount, {});
}

/**
 * The same file server, accepting request lines of up to 4 MB (Node's default stops at 16 kB with
 * "431 Request Header Fields Too Large"), so tests can open URLs as long as Chromium allows (2 MB),
 * and letting the browser cache the content-hashed files under assets/ (as a real host would), so
 * that many page loads in one context do not fetch and compile the same 2 MB of script each time.
 */
export async function serveStaticLongUrls(root: string, mount = '/lae/sub/'): Promise<{ url: string; close(): Promise<void> }> {
  return startServer(root, mount, { maxHeaderSize: 4 * 1024 * 1024 }, true);
}

async function startServer(
  root: string,
  mount: string,
  options: { maxHeaderSize?: number },
  cacheAssets = false,
): Promise<{ url: string; close(): Promise<void> }> {
  const base = resolve(root);
  const server: Server = createServer(options, (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0].split('#')[0]);
    if (!path.startsWith(mount)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(base, path.slice(mount.length)));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    const cache = cacheAssets && path.startsWith(`${mount}assets/`) ? { 'cache-control': 'max-age=3600, immutable' } : {};
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...cache });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${mount}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
