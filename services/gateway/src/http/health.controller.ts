// Liveness, readiness and Prometheus metrics on GATEWAY_HTTP_PORT.
import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { CallRegistry } from '../call/call-registry';
import { GatewayConnections } from '../infra/gateway-connections';
import { GatewayMetrics } from '../metrics/gateway-metrics';

@Controller()
export class HealthController {
  constructor(
    private readonly connections: GatewayConnections,
    private readonly registry: CallRegistry,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Route new calls here? Not before Kafka and NATS are connected, and not while draining. */
  @Get('readyz')
  readyz(): { ready: true; liveCalls: number } {
    if (this.registry.isDraining) throw new ServiceUnavailableException({ ready: false, reason: 'draining' });
    if (!this.connections.isReady()) throw new ServiceUnavailableException({ ready: false, reason: 'not connected to Kafka and NATS' });
    return { ready: true, liveCalls: this.registry.size };
  }

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
