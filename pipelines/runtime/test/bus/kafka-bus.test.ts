// The Kafka adapter against a real broker (started by the test harness).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { KafkaBus } from '../../src/bus/kafka-bus';
import type { InboundRecord } from '../../src/bus/port';
import { isSwitchboardError } from '../../src/errors';
import { createLogger } from '../../src/logger';
import { waitUntil } from '../wait';

const logger = createLogger('test', 'warn');

function newBus(partitions = 3): KafkaBus {
  return new KafkaBus({ brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: 'runtime-test', partitions, logger, fastGroups: true });
}

test('ensureTopics creates co-partitioned topics and refuses a topic with another partition count', async (t) => {
  const bus = newBus(3);
  t.after(() => bus.close());
  const a = uniqueName('t.a');
  const b = uniqueName('t.b');
  await bus.ensureTopics([a, b]);
  await bus.ensureTopics([a, b]); // idempotent

  const other = newBus(5);
  t.after(() => other.close());
  await assert.rejects(other.ensureTopics([a]), (err: unknown) =>
    isSwitchboardError(err, 'TOPIC_MISMATCH') && err.message.includes(`topic ${a} has 3 partitions, KAFKA_PARTITIONS is 5`));
});

test('produce and consume keep per-key order; offsets commit only after onBatch resolved', async (t) => {
  const bus = newBus(3);
  t.after(() => bus.close());
  const topic = uniqueName('t.order');
  const group = uniqueName('g');
  await bus.ensureTopics([topic]);
  const producer = await bus.createProducer({ lingerMs: 5 });
  const sent: Record<string, string[]> = {};
  const sends = [];
  for (let i = 0; i < 300; i++) {
    const key = `conv-${i % 10}`;
    (sent[key] ??= []).push(String(i));
    sends.push(producer.send([{ topic, key, value: Buffer.from(String(i)), headers: { 'sb-event-type': 'audio' } }]));
  }
  await Promise.all(sends);

  // First member fails every batch once (must be redelivered), then processes half and stops.
  const seen: Record<string, string[]> = {};
  const failedOnce = new Set<string>();
  let total = 0;
  const sub = await bus.subscribe({
    groupId: group,
    topics: [topic],
    concurrency: 3,
    onBatch: async (batch) => {
      const first = `${batch.partition}:${batch.records[0]!.offset}`;
      if (!failedOnce.has(first)) {
        failedOnce.add(first);
        throw new Error('not yet');
      }
      for (const r of batch.records) {
        assert.equal(r.headers['sb-event-type'], 'audio');
        (seen[r.key] ??= []).push(r.value.toString());
        total++;
      }
      await Promise.resolve();
    },
  });
  t.after(() => sub.stop());
  await waitUntil(() => total === 300, 'all 300 records after redelivery', 30_000);
  await sub.stop();
  assert.deepEqual(seen, sent, 'every record once, per-key order kept');

  // A new member of the same group sees only what comes after the committed offsets.
  await producer.send([{ topic, key: 'conv-1', value: Buffer.from('after') }]);
  const later: InboundRecord[] = [];
  const sub2 = await bus.subscribe({ groupId: group, topics: [topic], onBatch: (b) => { later.push(...b.records); return Promise.resolve(); } });
  t.after(() => sub2.stop());
  await waitUntil(() => later.length >= 1, 'the record produced after the commit', 30_000);
  assert.deepEqual(later.map((r) => r.value.toString()), ['after']);
  await producer.close();
});
