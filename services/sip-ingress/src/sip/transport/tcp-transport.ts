// SIP over TCP: a framer per connection; responses go back on the connection the request came
// in on. A framing error is answered when it can be (400/513) and then closes the connection:
// nothing after it can be delimited. Idle connections are closed after idleTimeoutMs, and a
// message begun but not complete within messageTimeoutMs closes its connection unanswered (a
// Content-Length larger than what is sent, RFC 4475 §3.1.2.2, or a peer trickling bytes to hold
// the connection).
import { createServer, type Server, type Socket } from 'node:net';
import type { SipLimits } from '../message/limits';
import { parseMessage } from '../message/parse-message';
import type { ReplyPath } from '../transaction/server-transactions';
import { countDrop, deliver, type InboundContext, type SipHandlers, type TransportCounters } from './inbound';
import type { Source } from './source';
import { StreamFramer, type FramerOutput } from './stream-framer';

export interface TcpTransportOptions {
  readonly host: string;
  readonly port: number;
  readonly limits: SipLimits;
  readonly idleTimeoutMs: number;
  readonly messageTimeoutMs: number;
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
    let incomplete: NodeJS.Timeout | undefined;
    socket.on('close', () => { this.sockets.delete(socket); clearTimeout(incomplete); });
    socket.on('error', () => undefined);
    socket.setTimeout(options.idleTimeoutMs, () => { socket.destroy(); });
    const source: Source = { transport: 'tcp', address, port: socket.remotePort ?? 0 };
    const reply: ReplyPath = { reliable: true, send: (bytes: Buffer) => { if (!socket.destroyed) socket.write(bytes); } };
    const framer = new StreamFramer(options.limits);
    const ctx: InboundContext = { handlers, counters: options.counters };
    socket.on('data', (chunk: Buffer) => {
      if (!frame(framer.push(chunk), source, reply, options.limits, ctx)) {
        socket.end();
        return;
      }
      if (framer.bufferedBytes === 0) {
        clearTimeout(incomplete);
        incomplete = undefined;
      } else {
        incomplete ??= setTimeout(() => {
          countDrop(options.counters, 'incomplete-message');
          socket.destroy();
        }, options.messageTimeoutMs);
      }
    });
  }
}

/** Delivers what the framer cut; false after a framing error (the connection must close). */
function frame(outputs: readonly FramerOutput[], source: Source, reply: ReplyPath, limits: SipLimits, ctx: InboundContext): boolean {
  for (const out of outputs) {
    if (out.kind === 'ping') {
      reply.send(CRLF);
    } else if (out.kind === 'message') {
      deliver(parseMessage(out.head, out.body, limits), source, reply, ctx);
    } else {
      // Answer the framing error when the header section is there to answer.
      if (out.head !== undefined) {
        const parsed = parseMessage(out.head, Buffer.alloc(0), limits);
        deliver(parsed.ok ? { ok: false, isRequest: parsed.message.kind === 'request', headers: parsed.message.headers, error: out.error } : parsed, source, reply, ctx);
      } else {
        countDrop(ctx.counters, 'framing');
      }
      return false;
    }
  }
  return true;
}
