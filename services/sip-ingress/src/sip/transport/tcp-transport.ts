// SIP over TCP: a framer per connection; responses go back on the connection the request came
// in on. A framing error is answered when it can be (400/513) and then closes the connection:
// nothing after it can be delimited. Idle connections are closed after idleTimeoutMs.
import { createServer, type Server, type Socket } from 'node:net';
import type { SipLimits } from '../message/limits';
import { parseMessage } from '../message/parse-message';
import { countDrop, deliver, type SipHandlers, type TransportCounters } from './inbound';
import type { Source } from './source';
import { StreamFramer } from './stream-framer';

export interface TcpTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly limits: SipLimits;
  readonly idleTimeoutMs: number;
  readonly maxConnections: number;
  readonly counters: TransportCounters;
  readonly accepts: (address: string) => boolean;
}

const CRLF = Buffer.from('\r\n');

export class TcpTransport {
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server) {}

  static async open(options: TcpTransportOptions, handlers: SipHandlers): Promise<TcpTransport> {
    const server = createServer();
    const transport = new TcpTransport(server);
    server.maxConnections = options.maxConnections;
    server.on('connection', (socket) => { transport.onConnection(socket, options, handlers); });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => { server.off('error', reject); resolve(); });
    });
    return transport;
  }

  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  get connections(): number {
    return this.sockets.size;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => { this.server.close(() => { resolve(); }); });
    for (const s of this.sockets) s.destroy();
    await closed;
  }

  private onConnection(socket: Socket, options: TcpTransportOptions, handlers: SipHandlers): void {
    const address = socket.remoteAddress ?? '';
    if (!options.accepts(address)) {
      countDrop(options.counters, 'source-not-allowed');
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => { this.sockets.delete(socket); });
    socket.on('error', () => undefined);
    socket.setTimeout(options.idleTimeoutMs, () => { socket.destroy(); });
    const source: Source = { transport: 'tcp', address, port: socket.remotePort ?? 0 };
    const reply = { reliable: true, send: (bytes: Buffer) => { if (!socket.destroyed) socket.write(bytes); } };
    const framer = new StreamFramer(options.limits);
    const ctx = { handlers, counters: options.counters };
    socket.on('data', (chunk: Buffer) => {
      for (const out of framer.push(chunk)) {
        if (out.kind === 'ping') {
          reply.send(CRLF);
        } else if (out.kind === 'message') {
          deliver(parseMessage(out.head, out.body, options.limits), source, reply, ctx);
        } else {
          // Answer the framing error when the header section is there to answer, then close.
          if (out.head !== undefined) {
            const parsed = parseMessage(out.head, Buffer.alloc(0), options.limits);
            deliver(parsed.ok ? { ok: false, isRequest: parsed.message.kind === 'request', headers: parsed.message.headers, error: out.error } : parsed, source, reply, ctx);
          } else {
            countDrop(options.counters, 'framing');
          }
          socket.end();
        }
      }
    });
  }
}
