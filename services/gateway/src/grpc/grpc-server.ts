// The gRPC media server: MediaIngest.Stream served over node:http2 directly (gRPC over HTTP/2 is
// a POST stream of length-prefixed messages ending in trailers; grpc-frames.ts, media-call.ts).
// Why not grpc-js's Server: with the same 1,000 real-time calls, a grpc-js server doing nothing
// with the frames took 3.9 CPU s per 10 s and this one 1.6 s (services/gateway/README.md), and
// the gateway's budget is 0.05 % of a core per call. Clients are unchanged (grpc-js, any gRPC
// stack). Nest still owns the lifecycle: the server binds when the application bootstraps and
// closes before its shutdown hooks run (so before Kafka is flushed and closed). Keepalive pings
// notice a media peer that vanished without closing (its calls end STREAM_LOST); closing is
// graceful (GOAWAY), so the final statuses of calls just ended by the drain still reach their
// peers. GATEWAY_GRPC_PORT=0 picks a free port, reported by `port`.
import { createServer, type Http2Server, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { status } from '@grpc/grpc-js';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { encodeGrpcMessage } from './grpc-frames';
import { H2MediaCall } from './media-call';
import { MediaStreamHandler } from './media-stream';
import { MEDIA_STREAM_PATH } from './media-wire';

/** After a drain every call has been ended by us; this bounds the wait for their statuses to leave. */
const CLOSE_GRACE_MS = 3_000;
/** grpc-js's default receive limit; an audio message is a few hundred bytes. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** Per connection (one media server may carry thousands of calls): nghttp2's default is 10 MB. */
const MAX_SESSION_MEMORY_MB = 256;

@Injectable()
export class GatewayGrpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: Http2Server | undefined;
  private boundPort: number | undefined;
  private readonly sessions = new Set<Http2Session>();

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly streams: MediaStreamHandler,
  ) {}

  /** The port actually bound (after bootstrap). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('the gRPC server is not listening yet');
    return this.boundPort;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer({ maxSessionMemory: MAX_SESSION_MEMORY_MB });
    server.on('session', (session) => { this.track(session); });
    server.on('stream', (stream, headers) => { this.route(stream, headers); });
    this.server = server;
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.grpcPort, this.config.bindHost, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => { server.close(() => { resolve(); }); });
    for (const session of this.sessions) session.close();
    const timer = setTimeout(() => { for (const session of this.sessions) session.destroy(); }, CLOSE_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }

  private route(stream: ServerHttp2Stream, headers: IncomingHttpHeaders): void {
    stream.on('error', () => undefined);
    const contentType = headers['content-type'] ?? '';
    if (headers[':method'] !== 'POST' || !(contentType === 'application/grpc' || contentType.startsWith('application/grpc+') || contentType.startsWith('application/grpc;'))) {
      // Not a gRPC request at all: plain HTTP, as the gRPC protocol says.
      stream.respond({ ':status': 415, 'content-type': 'text/plain' });
      stream.end('this port speaks gRPC (POST, content-type application/grpc)\n');
      return;
    }
    if (headers[':path'] !== MEDIA_STREAM_PATH) {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status.UNIMPLEMENTED), 'grpc-message': encodeGrpcMessage(`unknown method ${String(headers[':path'])}`) }, { endStream: true });
      return;
    }
    if (headers['grpc-encoding'] !== undefined && headers['grpc-encoding'] !== 'identity') {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(status.UNIMPLEMENTED), 'grpc-message': encodeGrpcMessage(`grpc-encoding ${String(headers['grpc-encoding'])} is not supported`), 'grpc-accept-encoding': 'identity' }, { endStream: true });
      return;
    }
    this.streams.serve(new H2MediaCall(stream, MAX_MESSAGE_BYTES));
  }

  /** Keeps the session for shutdown, and pings it: a peer that stops answering is dropped. */
  private track(session: Http2Session): void {
    this.sessions.add(session);
    session.on('error', () => undefined);
    const { keepaliveIntervalMs: intervalMs, keepaliveTimeoutMs: timeoutMs } = this.config;
    const timer = setInterval(() => {
      if (session.closed || session.destroyed) return;
      const deadline = setTimeout(() => { session.destroy(); }, timeoutMs);
      const sent = session.ping((err) => {
        clearTimeout(deadline);
        if (err) session.destroy();
      });
      if (!sent) clearTimeout(deadline);
    }, intervalMs);
    timer.unref();
    session.once('close', () => {
      clearInterval(timer);
      this.sessions.delete(session);
    });
  }
}
