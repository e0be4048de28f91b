// Picks the bus adapter from configuration: Kafka when brokers are configured, memory for the
// embedded mode.
import type { BusConfig } from '../config';
import type { Logger } from '../logger';
import { KafkaBus } from './kafka-bus';
import { MemoryBus } from './memory-bus';
import type { Bus } from './port';

export function createKafkaBus(config: BusConfig, logger: Logger, opts: { fastGroups?: boolean } = {}): Bus {
  return new KafkaBus({ brokers: config.kafkaBrokers, clientId: config.kafkaClientId, partitions: config.kafkaPartitions, logger, ...opts });
}

export function createMemoryBus(partitions: number): Bus {
  return new MemoryBus({ partitions });
}
