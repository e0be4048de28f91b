// Builds a CallSession per media stream with the gateway's shared parts, and decides whether a
// new stream may be admitted at all (connected and not draining).
import { Inject, Injectable } from '@nestjs/common';
import { SwitchboardError, type Logger } from '@switchboard/runtime';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { ActionRelay } from '../control/action-relay';
import { GatewayConnections } from '../infra/gateway-connections';
import { LOGGER } from '../infra/tokens';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { CallRegistry } from './call-registry';
import { CallSession } from './call-session';
import { GlobalFlow } from './flow-control';
import type { MediaStreamPort } from './session-deps';

@Injectable()
export class CallSessionFactory {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly connections: GatewayConnections,
    private readonly registry: CallRegistry,
    private readonly globalFlow: GlobalFlow,
    private readonly relay: ActionRelay,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** Why a new stream cannot be admitted now, or undefined. */
  admissionError(): SwitchboardError | undefined {
    if (this.registry.isDraining) return new SwitchboardError('UNAVAILABLE', 'gateway is draining: not accepting new calls');
    if (!this.connections.isReady()) return new SwitchboardError('UNAVAILABLE', 'gateway is not ready');
    return undefined;
  }

  create(port: MediaStreamPort): CallSession {
    return new CallSession({
      settings: this.config,
      producer: this.connections.producer,
      control: this.connections.control,
      topics: this.connections.topics,
      registry: this.registry,
      globalFlow: this.globalFlow,
      relay: this.relay,
      metrics: this.metrics,
      logger: this.logger,
    }, port);
  }
}
