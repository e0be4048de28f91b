// The gateway's connections: the Kafka producer (calls + audio topics) and the NATS control
// plane. Connected after the servers listen, so /healthz answers and /readyz says "not yet"
// while they come up; closed (producer flushed) when the Nest app shuts down. The embedded mode
// hands in its in-memory bus and control plane instead (GATEWAY_TRANSPORTS); those stay open,
// their owner closes them.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createKafkaBus, NatsControlPlane, SwitchboardError, topicNames, type Bus, type CallControlPlane, type Logger, type Producer, type TopicNames } from '@switchboard/runtime';
import type { ControlPort } from '../call/session-deps';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GATEWAY_TRANSPORTS, LOGGER } from './tokens';

/** Transports given to the gateway instead of connecting its own (the embedded mode). */
export interface GatewayTransports {
  readonly bus?: Bus;
  readonly control?: CallControlPlane;
}

@Injectable()
export class GatewayConnections implements OnApplicationShutdown {
  readonly topics: TopicNames;
  private bus: Bus | undefined;
  private kafkaProducer: Producer | undefined;
  private nats: CallControlPlane | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(GATEWAY_TRANSPORTS) private readonly given: GatewayTransports,
  ) {
    this.topics = topicNames(config.topicPrefix);
  }

  async connect(): Promise<void> {
    const { config } = this;
    const bus = this.given.bus ?? createKafkaBus(config, this.logger);
    this.bus = bus;
    await bus.ensureTopics([this.topics.calls, this.topics.audio]);
    this.kafkaProducer = await bus.createProducer({ lingerMs: config.producerLingerMs });
    // The subject prefix is the topic prefix: the pipelines publish under the same one.
    this.nats = this.given.control ?? await NatsControlPlane.connect(config.natsUrl, this.logger, { name: 'sb-gateway', prefix: config.topicPrefix });
    this.logger.info('connected', { topicCalls: this.topics.calls, topicAudio: this.topics.audio });
  }

  isReady(): boolean {
    return this.closing === undefined && this.kafkaProducer !== undefined && this.nats !== undefined && this.nats.isConnected();
  }

  get producer(): Producer {
    if (!this.kafkaProducer) throw new SwitchboardError('UNAVAILABLE', 'gateway is not connected to Kafka yet');
    return this.kafkaProducer;
  }

  get control(): ControlPort {
    if (!this.nats) throw new SwitchboardError('UNAVAILABLE', 'gateway is not connected to NATS yet');
    return this.nats;
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // The producer flushes what it holds before disconnecting; the bus closes the admin client.
      await this.kafkaProducer?.close();
      if (this.given.bus === undefined) await this.bus?.close();
      if (this.given.control === undefined) await this.nats?.close();
    })();
    return this.closing;
  }
}
