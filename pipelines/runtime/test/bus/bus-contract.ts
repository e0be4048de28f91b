// The behaviour every Kafka adapter of the bus port must show, against a real broker (started by
// the test harness). Each adapter's test file runs this suite with its own factory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTopicsToEnd, requireEnv, uniqueName } from '@switchboard/testkit';
import { partitionForKey } from '../../src/bus/partitioner';
import type { Bus, InboundRecord } from '../../src/bus/port';
import { isSwitchboardError } from '../../src/errors';
import { waitUntil } from '../wait';

export function runBusContract(label: string, newBus: (partitions: number) => Bus): void {
  void test(`${label}: ensureTopics creates co-partitioned topics and refuses a topic with another partition count`, async (t) => {
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

  void test(`${label}: produce and consume keep per-key order; offsets commit only after onBatch resolved`, async (t) => {
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
          assert.equal(r.partition, partitionForKey(r.key, 3), 'Kafka default partitioning');
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

  void test(`${label}: a batch that keeps failing is redelivered from the same offset until it succeeds`, async (t) => {
    const bus = newBus(3);
    t.after(() => bus.close());
    const topic = uniqueName('t.retry');
    await bus.ensureTopics([topic]);
    const producer = await bus.createProducer({ lingerMs: 1 });
    t.after(() => producer.close());
    const key = 'conv-retry';
    await producer.send(Array.from({ length: 20 }, (_, i) => ({ topic, key, value: Buffer.from(String(i)) })));

    const firstOffsets: string[] = [];
    const processed: string[] = [];
    const sub = await bus.subscribe({
      groupId: uniqueName('g'),
      topics: [topic],
      onBatch: (batch) => {
        firstOffsets.push(batch.records[0]!.offset);
        if (firstOffsets.length <= 3) return Promise.reject(new Error(`failure ${firstOffsets.length}`));
        for (const r of batch.records) processed.push(r.value.toString());
        return Promise.resolve();
      },
    });
    t.after(() => sub.stop());
    await waitUntil(() => processed.length >= 20, 'the 20 records after three failures', 30_000);
    assert.deepEqual(firstOffsets.slice(0, 4), ['0', '0', '0', '0'], 'every attempt starts at the uncommitted offset');
    assert.deepEqual(processed, Array.from({ length: 20 }, (_, i) => String(i)));
  });

  void test(`${label}: concurrent sends are all written exactly once (idempotent sequence numbers never collide)`, async (t) => {
    const bus = newBus(3);
    t.after(() => bus.close());
    const topic = uniqueName('t.concurrent');
    await bus.ensureTopics([topic]);
    const producer = await bus.createProducer({ lingerMs: 0 });
    const sends = [];
    for (let s = 0; s < 50; s++) {
      sends.push(producer.send(Array.from({ length: 20 }, (_, i) => ({ topic, key: `k-${(s * 20 + i) % 7}`, value: Buffer.from(`${s}-${i}`) }))));
    }
    await Promise.all(sends);
    await producer.close();

    // What is on the log, read to its end by an independent reader: every record, once.
    const values = new Map<string, number>();
    await readTopicsToEnd(requireEnv('KAFKA_BROKERS').split(','), [topic], (r) => {
      values.set(r.value.toString(), (values.get(r.value.toString()) ?? 0) + 1);
    });
    assert.equal(values.size, 1000);
    assert.ok([...values.values()].every((n) => n === 1), 'no record twice');
  });

  void test(`${label}: a burst bigger than the broker accepts in one batch is split into several requests`, async (t) => {
    const bus = newBus(1);
    t.after(() => bus.close());
    const topic = uniqueName('t.burst');
    await bus.ensureTopics([topic]);
    const producer = await bus.createProducer({ lingerMs: 20 });
    const value = Buffer.alloc(400, 0x61);
    // 5,000 records of ~440 B queued together: 2.2 MB for one partition, max.message.bytes is 1 MiB.
    await Promise.all(Array.from({ length: 50 }, (_, s) =>
      producer.send(Array.from({ length: 100 }, (_, i) => ({ topic, key: `k-${s}-${i}`, value })))));
    await producer.close();
    let count = 0;
    const sub = await bus.subscribe({ groupId: uniqueName('g'), topics: [topic], onBatch: (b) => { count += b.records.length; return Promise.resolve(); } });
    t.after(() => sub.stop());
    await waitUntil(() => count >= 5000, '5,000 records', 30_000);
    assert.equal(count, 5000);
  });

  void test(`${label}: stop() lets the in-flight batch finish and commits it before leaving the group`, async (t) => {
    const bus = newBus(3);
    t.after(() => bus.close());
    const topic = uniqueName('t.stop');
    const group = uniqueName('g');
    await bus.ensureTopics([topic]);
    const producer = await bus.createProducer();
    t.after(() => producer.close());
    await producer.send(Array.from({ length: 10 }, (_, i) => ({ topic, key: 'conv-stop', value: Buffer.from(String(i)) })));

    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    let started = false;
    let stoppingSeen = false;
    let handled = 0;
    const sub = await bus.subscribe({
      groupId: group,
      topics: [topic],
      onBatch: async (batch) => {
        started = true;
        await gate;
        stoppingSeen = batch.isStopping();
        handled += batch.records.length;
      },
    });
    await waitUntil(() => started, 'the first batch to start', 30_000);
    let stopped = false;
    const stopping = sub.stop().then(() => { stopped = true; });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(stopped, false, 'stop() waits for the in-flight batch');
    release();
    await stopping;
    assert.equal(stoppingSeen, true, 'isStopping() is true once stop() was called');
    assert.equal(handled, 10);

    // Committed: a new member gets nothing of it again.
    await producer.send([{ topic, key: 'conv-stop', value: Buffer.from('after') }]);
    const later: string[] = [];
    const sub2 = await bus.subscribe({ groupId: group, topics: [topic], onBatch: (b) => { later.push(...b.records.map((r) => r.value.toString())); return Promise.resolve(); } });
    t.after(() => sub2.stop());
    await waitUntil(() => later.length >= 1, 'the record produced after stop', 30_000);
    assert.deepEqual(later, ['after']);
  });
}
