// Picks the bus adapter from configuration: the Kafka client named by KAFKA_CLIENT, or the
// in-memory bus for the embedded mode.
import type { BusConfig } from '../config';
import type { Logger } from '../logger';
import { KafkaBus } from './kafka-bus';
import { MemoryBus } from './memory-bus';
import { PlatformaticKafkaBus } from './platformatic-bus';
import type { Bus } from './port';

export type KafkaBusConfig = Pick<BusConfig, 'kafkaBrokers' | 'kafkaPartitions' | 'kafkaClientId' | 'kafkaClient' | 'kafkaFastGroups'>;

export function createKafkaBus(config: KafkaBusConfig, logger: Logger): Bus {
  const opts = { brokers: config.kafkaBrokers, clientId: config.kafkaClientId, partitions: config.kafkaPartitions, logger, fastGroups: config.kafkaFastGroups };
  return config.kafkaClient === 'platformatic' ? new PlatformaticKafkaBus(opts) : new KafkaBus(opts);
}

export function createMemoryBus(partitions: number): Bus {
  return new MemoryBus({ partitions });
}
