// The gRPC media server: grpc-js serving MediaIngest.Stream directly with the generated codecs
// (media-wire.ts). Nest's gRPC transport is not used for it: its proto-loader decode and object
// conversion, the RxJS wrapping and the exception-filter pipeline cost per message what the hot
// path cannot afford. Nest still owns the lifecycle: the server binds when the application
// bootstraps and closes before its shutdown hooks run (so before Kafka is flushed and closed).
// Server keepalive notices a media peer that vanished without closing (its call ends
// STREAM_LOST); closing is graceful, so the final statuses of calls just ended by the drain still
// reach their peers. GATEWAY_GRPC_PORT=0 picks a free port, reported by `port`.
import { Server, ServerCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { MEDIA_INGEST_SERVER_DEFINITION } from './media-wire';
import { MediaStreamHandler, type MediaDuplex } from './media-stream';

/** After a drain every call has been ended by us; this bounds the wait for their statuses to leave. */
const CLOSE_GRACE_MS = 3_000;

const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  // Media peers may ping as often as every 5 s without being cut off.
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
};

@Injectable()
export class GatewayGrpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private server: Server | undefined;
  private boundPort: number | undefined;

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
    const server = new Server(CHANNEL_OPTIONS);
    server.addService(MEDIA_INGEST_SERVER_DEFINITION, { Stream: (call: MediaDuplex) => { this.streams.serve(call); } });
    this.server = server;
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${this.config.bindHost}:${this.config.grpcPort}`, ServerCredentials.createInsecure(), (err, port) => {
        if (err) reject(err);
        else resolve(port);
      });
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, CLOSE_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
