/**
 * A static file server on loopback for the demo page, test fixtures and benchmark pages.
 * It records every request it receives, so a test can tell what the page (and anything else)
 * asked for.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  /** http://127.0.0.1:<port>/ */
  origin: string;
  /** Paths requested so far, in order. */
  requests: string[];
  /** Serves `body` at `path` instead of a file, e.g. a generated page or one with special headers. */
  route(path: string, body: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 at a free port. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const routes = new Map<string, { body: string; headers: Record<string, string> }>();
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const routed = routes.get(path);
    if (routed) {
      res.writeHead(200, { 'content-type': TYPES['.html']!, ...routed.headers });
      res.end(routed.body);
      return;
    }
    const file = normalize(join(base, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (data) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(data);
      },
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}/`,
    requests,
    route(path, body, headers = {}) {
      routes.set(path, { body, headers });
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
