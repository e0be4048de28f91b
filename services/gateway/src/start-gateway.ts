// Starts a gateway in this process: the Nest app with its HTTP server (health, metrics) and the
// gRPC media server (bound as the app bootstraps), then the Kafka and NATS connections. Used by main.ts and by
// end-to-end tests that run gateways in-process.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, type Logger } from '@switchboard/runtime';
import { CallRegistry } from './call/call-registry';
import type { GatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { GatewayGrpcServer } from './grpc/grpc-server';
import { GatewayConnections, type GatewayTransports } from './infra/gateway-connections';
import { NestLoggerAdapter } from './infra/nest-logger';
import { NoAudioPlaceholderSynthesizer, type SpeechSynthesizer } from './tts/speech-synthesizer';

export interface StartGatewayOptions extends GatewayTransports {
  readonly logger?: Logger;
  /** The bot's voice (CallAudioSynthesizer over the speech engines); default: no audio (stream tests). */
  readonly synthesizer?: SpeechSynthesizer;
}

export interface RunningGateway {
  readonly grpcPort: number;
  readonly httpPort: number;
  /**
   * Drains and stops: refuses new streams (UNAVAILABLE), lets live calls go on for up to
   * GATEWAY_DRAIN_TIMEOUT_MS, ends the rest with SHUTDOWN, flushes Kafka, closes everything.
   */
  stop(): Promise<void>;
}

export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const synthesizer = options.synthesizer ?? new NoAudioPlaceholderSynthesizer();
  // Nest declares its options interface as extending a class, yet expects a plain object.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
  const nestOptions: NestApplicationOptions = {
    logger: new NestLoggerAdapter(logger),
    // Throw instead of process.exit on a start-up failure: the caller decides.
    abortOnError: false,
  };
  const app = await NestFactory.create(GatewayModule.forRoot(config, logger, synthesizer, { ...(options.bus ? { bus: options.bus } : {}), ...(options.control ? { control: options.control } : {}) }), nestOptions);
  const grpcServer = app.get(GatewayGrpcServer);
  try {
    await app.listen(config.httpPort, config.bindHost);
    await app.get(GatewayConnections).connect();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  const httpServer = app.getHttpServer() as { address(): AddressInfo | string | null };
  const address = httpServer.address();
  const httpPort = typeof address === 'object' && address !== null ? address.port : config.httpPort;
  logger.info('gateway listening', { grpcPort: grpcServer.port, httpPort });

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const { endedByShutdown } = await app.get(CallRegistry).drain(config.drainTimeoutMs);
    logger.info('gateway drained', { endedByShutdown });
    await app.close();
  };
  return { grpcPort: grpcServer.port, httpPort, stop: () => (stopping ??= stop()) };
}
