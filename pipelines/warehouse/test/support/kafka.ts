// Kafka for tests: a bus on the harness's broker (or a test's own), each test under its own topic
// prefix, closed right where it is created.
import type { TestContext } from 'node:test';
import { onCleanup } from './cleanup';
import { createKafkaBus, createLogger, topicNames, type Bus, type InboundRecord, type TopicNames } from '@switchboard/runtime';
import { uniqueName } from '@switchboard/testkit';
import type { SinkKafkaOptions } from '../../src/index';
import { waitFor } from './wait-for';

export const PARTITIONS = 3;

export interface TestBus {
  readonly bus: Bus;
  readonly topics: TopicNames;
  readonly prefix: string;
}

/** `quiet`: drop the client's error lines (a test that restarts the broker expects them). */
export function testBus(t: TestContext, brokers: string, opts: { quiet?: boolean } = {}): TestBus {
  const prefix = uniqueName('wh') + '.';
  const logger = createLogger('test-bus', 'error', opts.quiet === true ? () => undefined : undefined);
  const bus = createKafkaBus({ kafkaBrokers: brokers.split(','), kafkaPartitions: PARTITIONS, kafkaClientId: 'warehouse-test', kafkaClient: process.env.KAFKA_CLIENT === 'platformatic' ? 'platformatic' : 'kafkajs', kafkaFastGroups: true }, logger);
  onCleanup(t, () => bus.close());
  return { bus, topics: topicNames(prefix), prefix };
}

/** The sink's own consumer on `brokers` (what main.js runs), with the tests' short group timeouts. */
export function sinkKafka(brokers: string): SinkKafkaOptions {
  return { brokers: brokers.split(','), clientId: 'warehouse-test', fastGroups: true };
}

/** Reads a topic from the beginning with a group of its own until `count` records arrived. */
export async function readTopic(bus: Bus, topic: string, count: number, timeoutMs: number): Promise<InboundRecord[]> {
  const seen: InboundRecord[] = [];
  const sub = await bus.subscribe({
    groupId: uniqueName('reader'),
    topics: [topic],
    fromBeginning: true,
    onBatch: (batch) => {
      seen.push(...batch.records);
      return Promise.resolve();
    },
  });
  try {
    await waitFor(() => Promise.resolve(seen.length), (n) => n >= count, { timeoutMs, what: `${count} records on ${topic}` });
  } finally {
    await sub.stop();
  }
  return seen;
}
