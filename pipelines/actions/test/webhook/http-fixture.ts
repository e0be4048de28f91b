// A real local HTTP server standing in for a webhook endpoint. Each test scripts its replies per
// request number and reads back what arrived; the server is closed when the test ends.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface SeenRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Reply =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  /** Never answer (the connection is held until the server closes). */
  | 'hang';

export interface WebhookServer {
  readonly url: string;
  readonly seen: SeenRequest[];
}

/** Starts a server answering request n (0-based) with reply(n); registers its shutdown on `t`. */
export async function startWebhookServer(t: TestContext, reply: (n: number, req: SeenRequest) => Reply): Promise<WebhookServer> {
  const seen: SeenRequest[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: SeenRequest = { method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(r);
      const answer = reply(seen.length - 1, r);
      if (answer === 'hang') {
        held.push(res);
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? '');
    });
  });
  t.after(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => { resolve(); });
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, seen };
}

/** A port nothing listens on: a server is bound, its port noted, and closed again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  return port;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply =>
  ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) });
