/**
 * A loopback HTTP proxy that records every request a browser sends through it, for the privacy
 * check (issue 7): the e2e browsers are routed through one, so any request Backstory (or the
 * browser) makes is seen, not merely failed for want of a network.
 *
 * - Absolute-URI requests (`GET http://host/path`) are forwarded only to the origins it is told to
 *   forward to (the loopback fixture server); anything else is answered 502.
 * - CONNECT (https, wss) is tunnelled only to those origins' host:port; anything else is refused 502.
 * - WebSocket upgrades over plain http: the same rule.
 * - Anything else that reaches it (a request not in proxy form) is answered 400.
 * Every one of them is recorded, forwarded or not.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ProxiedRequest {
  /** GET, POST, CONNECT, ... */
  method: string;
  /** The absolute URL asked for; for CONNECT, `https://host:port/` (the path is not seen). */
  url: string;
  /** host:port the request was for (a default port made explicit). */
  host: string;
  /** Date.now() when it arrived. */
  time: number;
  /** What the proxy did with it. */
  outcome: 'forwarded' | 'tunnelled' | 'refused';
}

export interface RecordingProxy {
  /** http://127.0.0.1:<port>, for Chromium's --proxy-server. */
  url: string;
  port: number;
  /** Every request so far, in order of arrival. */
  log: ProxiedRequest[];
  /** Adds an origin (e.g. `http://127.0.0.1:4321/`) to forward to; only loopback origins are accepted. */
  forwardTo(origin: string): void;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** host:port of an authority, with the scheme's default port made explicit. */
function authority(host: string, port: string, protocol: string): string {
  return `${host}:${port || (protocol === 'https:' || protocol === 'wss:' ? '443' : '80')}`;
}

/** The host:port of a CONNECT target, or null if it is not one. */
function connectTarget(target: string): { hostname: string; port: number; host: string } | null {
  try {
    const u = new URL(`https://${target}`);
    const host = authority(u.hostname, u.port, 'https:');
    return { hostname: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 443), host };
  } catch {
    return null;
  }
}

/** Starts a recording proxy on 127.0.0.1 at a free port. */
export async function startRecordingProxy(options: { forwardTo?: string[] } = {}): Promise<RecordingProxy> {
  /** host:port pairs that are forwarded or tunnelled. */
  const allowed = new Set<string>();
  const forwardTo = (origin: string) => {
    const u = new URL(origin);
    if (!LOOPBACK.has(u.hostname)) throw new Error(`the recording proxy forwards to loopback only, not ${origin}`);
    allowed.add(authority(u.hostname, u.port, u.protocol));
  };
  for (const origin of options.forwardTo ?? []) forwardTo(origin);
  const log: ProxiedRequest[] = [];
  const sockets = new Set<Socket | Duplex>();
  const track = (s: Socket | Duplex) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };

  /** Records an absolute-URI request; returns its parsed URL if it may be forwarded. */
  const recordHttp = (req: IncomingMessage): URL | null => {
    let url: URL | null = null;
    try {
      url = /^[a-z][a-z0-9+.-]*:\/\//i.test(req.url ?? '') ? new URL(req.url!) : null;
    } catch {
      url = null;
    }
    const host = url ? authority(url.hostname, url.port, url.protocol) : `(not a proxy request) ${req.headers.host ?? ''}`;
    const ok = url !== null && url.protocol === 'http:' && allowed.has(host);
    log.push({ method: req.method ?? '?', url: url?.href ?? req.url ?? '', host, time: Date.now(), outcome: ok ? 'forwarded' : 'refused' });
    return ok ? url : null;
  };

  const server: Server = createServer((req, res) => {
    const url = recordHttp(req);
    if (!url) {
      res.writeHead(/^[a-z]+:\/\//i.test(req.url ?? '') ? 502 : 400, { 'content-type': 'text/plain', connection: 'close' });
      res.end('refused by the recording proxy\n');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = httpRequest({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 80),
      method: req.method,
      path: url.pathname + url.search,
      headers,
    }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const target = connectTarget(req.url ?? '');
    const ok = target !== null && allowed.has(target.host);
    log.push({ method: 'CONNECT', url: target ? `https://${target.host}/` : req.url ?? '', host: target?.host ?? req.url ?? '', time: Date.now(), outcome: ok ? 'tunnelled' : 'refused' });
    if (!ok) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    splice(client, head, connect(target.port, target.hostname), 'HTTP/1.1 200 Connection Established\r\n\r\n', 'to-client');
  });

  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const url = recordHttp(req);
    if (!url) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const lines = [`${req.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!/^proxy-/i.test(req.rawHeaders[i]!)) lines.push(`${req.rawHeaders[i]!}: ${req.rawHeaders[i + 1]!}`);
    }
    splice(client, head, connect(Number(url.port || 80), url.hostname.replace(/^\[|\]$/g, '')), lines.join('\r\n') + '\r\n\r\n', 'to-upstream');
  });

  /**
   * Joins a client to an upstream socket once it connects: first `greeting` (to the client for a
   * tunnel, to the upstream for a forwarded upgrade request), then the bytes already read, then
   * both directions piped; either side closing or failing ends the other.
   */
  function splice(client: Duplex, head: Buffer, upstream: Socket, greeting: string, greet: 'to-client' | 'to-upstream'): void {
    upstream.once('connect', () => {
      (greet === 'to-client' ? client : upstream).write(greeting);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  }

  server.on('connection', track);
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    forwardTo,
    close: () => new Promise((ok) => {
      server.close(() => ok());
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
    }),
  };
}
