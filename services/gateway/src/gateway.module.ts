// The gateway's Nest container: configuration, logger and metrics as values, the call machinery
// and the gRPC media server as providers, the HTTP (health/metrics) controller.
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from '@switchboard/runtime';
import { CallRegistry } from './call/call-registry';
import { CallSessionFactory } from './call/call-session-factory';
import { GlobalFlow } from './call/flow-control';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { ActionRelay } from './control/action-relay';
import { GatewayGrpcServer } from './grpc/grpc-server';
import { MediaStreamHandler } from './grpc/media-stream';
import { HealthController } from './http/health.controller';
import { GatewayConnections, type GatewayTransports } from './infra/gateway-connections';
import { GATEWAY_TRANSPORTS, LOGGER } from './infra/tokens';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { SPEECH_SYNTHESIZER, type SpeechSynthesizer } from './tts/speech-synthesizer';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger, synthesizer: SpeechSynthesizer, transports: GatewayTransports = {}): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: SPEECH_SYNTHESIZER, useValue: synthesizer },
        { provide: GATEWAY_TRANSPORTS, useValue: transports },
        GatewayMetrics,
        GatewayConnections,
        CallRegistry,
        CallSessionFactory,
        MediaStreamHandler,
        GatewayGrpcServer,
        {
          provide: GlobalFlow,
          inject: [GATEWAY_CONFIG, GatewayMetrics],
          useFactory: (c: GatewayConfig, metrics: GatewayMetrics) => new GlobalFlow(c.maxPendingFramesTotal, metrics),
        },
        {
          provide: ActionRelay,
          inject: [SPEECH_SYNTHESIZER],
          useFactory: (s: SpeechSynthesizer) => new ActionRelay(s),
        },
      ],
    };
  }
}
