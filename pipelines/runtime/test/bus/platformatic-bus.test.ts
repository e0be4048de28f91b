// The @platformatic/kafka adapter against a real broker (started by the test harness): the bus
// contract every adapter passes, and interoperability with the kafkajs adapter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { KafkaBus } from '../../src/bus/kafka-bus';
import { partitionForKey } from '../../src/bus/partitioner';
import { PlatformaticKafkaBus } from '../../src/bus/platformatic-bus';
import type { Bus, InboundRecord } from '../../src/bus/port';
import { createLogger } from '../../src/logger';
import { waitUntil } from '../wait';
import { runBusContract } from './bus-contract';

const logger = createLogger('test', 'warn');

function brokers(): string[] {
  return requireEnv('KAFKA_BROKERS').split(',');
}

function newBus(partitions = 3): PlatformaticKafkaBus {
  return new PlatformaticKafkaBus({ brokers: brokers(), clientId: 'runtime-test', partitions, logger, fastGroups: true });
}

runBusContract('platformatic', newBus);

void test('records written by either adapter are read alike by the other (partitions, keys, headers)', async (t) => {
  const plt = newBus(3);
  const kjs = new KafkaBus({ brokers: brokers(), clientId: 'runtime-test', partitions: 3, logger, fastGroups: true });
  t.after(() => plt.close());
  t.after(() => kjs.close());
  const topic = uniqueName('t.compat');
  await plt.ensureTopics([topic]);

  const produceWith = async (bus: Bus, tag: string): Promise<void> => {
    const p = await bus.createProducer();
    await p.send(Array.from({ length: 30 }, (_, i) => ({ topic, key: `conv-${i}`, value: Buffer.from(`${tag}-${i}`), headers: { 'sb-src': tag } })));
    await p.close();
  };
  await produceWith(plt, 'plt');
  await produceWith(kjs, 'kjs');

  const readWith = async (bus: Bus): Promise<InboundRecord[]> => {
    const got: InboundRecord[] = [];
    const sub = await bus.subscribe({ groupId: uniqueName('g'), topics: [topic], concurrency: 3, onBatch: (b) => { got.push(...b.records); return Promise.resolve(); } });
    try {
      await waitUntil(() => got.length >= 60, '60 records', 30_000);
    } finally {
      await sub.stop();
    }
    return got;
  };
  const summary = (records: InboundRecord[]): string[] =>
    records.map((r) => `${r.partition}|${r.offset}|${r.key}|${r.value.toString()}|${r.headers['sb-src'] ?? ''}`).sort();
  const byPlt = await readWith(plt);
  const byKjs = await readWith(kjs);
  assert.deepEqual(summary(byPlt), summary(byKjs));
  for (const r of byPlt) assert.equal(r.partition, partitionForKey(r.key, 3), `${r.headers['sb-src'] ?? ''} placed ${r.key} like Kafka`);
});
