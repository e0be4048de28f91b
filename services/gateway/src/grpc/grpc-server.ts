// Nest's gRPC transport with three changes: it remembers the port it bound (GATEWAY_GRPC_PORT=0
// picks a free one, for in-process tests); it sets server keepalive so a media peer that vanished
// without closing is noticed (its call ends STREAM_LOST) instead of lingering; and it closes
// gracefully, so the final statuses of calls just ended by the drain still reach their peers.
import { Server, ServerCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { ServerGrpc, type GrpcOptions } from '@nestjs/microservices';
import { MEDIA_PROTO_FILE, PROTO_ROOT } from '@switchboard/contracts';

/** After a drain every call has been ended by us; this bounds the wait for their statuses to leave. */
const CLOSE_GRACE_MS = 3_000;

export interface GrpcServerSettings {
  readonly host: string;
  readonly port: number;
}

const CHANNEL_OPTIONS: ChannelOptions = {
  'grpc.keepalive_time_ms': 10_000,
  'grpc.keepalive_timeout_ms': 5_000,
  'grpc.keepalive_permit_without_calls': 1,
  // Media peers may ping as often as every 5 s without being cut off.
  'grpc.http2.min_ping_interval_without_data_ms': 5_000,
};

export function grpcOptions(settings: GrpcServerSettings): GrpcOptions['options'] {
  return {
    url: `${settings.host}:${settings.port}`,
    package: 'switchboard.v1',
    protoPath: MEDIA_PROTO_FILE,
    // The same shapes the generated (ts-proto) types describe: numbers for 64-bit ints and enums,
    // defaults filled in, oneof members as optional fields, bytes as Buffer.
    loader: { includeDirs: [PROTO_ROOT], longs: Number, enums: Number, defaults: true, oneofs: true },
    channelOptions: CHANNEL_OPTIONS,
  };
}

export class GatewayGrpcServer extends ServerGrpc {
  private boundPort: number | undefined;

  constructor(private readonly settings: GrpcServerSettings) {
    super(grpcOptions(settings));
  }

  /** The port actually bound (after listen). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('the gRPC server is not listening yet');
    return this.boundPort;
  }

  override async createClient(): Promise<Server> {
    const server = new Server(CHANNEL_OPTIONS);
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`${this.settings.host}:${this.settings.port}`, ServerCredentials.createInsecure(), (err, port) => {
        if (err) reject(err);
        else resolve(port);
      });
    });
    return server;
  }

  override async close(): Promise<void> {
    const server: unknown = this.grpcClient;
    this.grpcClient = null;
    if (!(server instanceof Server)) return;
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
