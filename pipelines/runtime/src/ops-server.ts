// The ops endpoints every bus-attached process serves: /healthz (the process answers), /readyz
// (the service says when: connected, consuming, not draining) and /metrics (Prometheus text), on
// plain node:http: three routes need no framework.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface OpsServerOptions {
  readonly port: number;
  readonly registry: Registry;
  readonly isReady: () => boolean;
  /** When given, /healthz answers this as JSON (live counts a preStop hook or a test can read). */
  readonly health?: () => Readonly<Record<string, string | number | boolean>>;
}

export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405).end();
    } else if (path === '/healthz') {
      if (opts.health) res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(opts.health())}\n`);
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else if (path === '/readyz') {
      const ready = opts.isReady();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'text/plain' }).end(ready ? 'ready\n' : 'not ready\n');
    } else if (path === '/metrics') {
      opts.registry.metrics().then(
        (text) => { res.writeHead(200, { 'content-type': opts.registry.contentType }).end(text); },
        () => { res.writeHead(500).end(); },
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => { server.off('error', reject); resolve(); });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => { resolve(); }); }),
  };
}
