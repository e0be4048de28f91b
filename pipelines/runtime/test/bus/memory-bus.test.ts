import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBus } from '../../src/bus/memory-bus';
import type { InboundRecord } from '../../src/bus/port';

const enc = (s: string): Uint8Array => Buffer.from(s);

function waitFor(cond: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      if (cond()) resolve();
      else if (Date.now() - started > 5000) reject(new Error(`timed out waiting for ${what}`));
      else setImmediate(tick);
    };
    tick();
  });
}

test('memory bus keeps per-key order and delivers every record once per group', async (t) => {
  const bus = new MemoryBus({ partitions: 4 });
  t.after(() => bus.close());
  await bus.ensureTopics(['a']);
  const producer = await bus.createProducer();
  const sent: Record<string, number[]> = {};
  const records = [];
  for (let i = 0; i < 200; i++) {
    const key = `k${i % 7}`;
    (sent[key] ??= []).push(i);
    records.push({ topic: 'a', key, value: enc(String(i)) });
  }
  await producer.send(records);
  const seen: Record<string, number[]> = {};
  const sub = await bus.subscribe({
    groupId: 'g',
    topics: ['a'],
    onBatch: async (batch) => {
      for (const r of batch.records) (seen[r.key] ??= []).push(Number(r.value.toString()));
      await Promise.resolve();
    },
  });
  t.after(() => sub.stop());
  await waitFor(() => Object.values(seen).flat().length === 200, '200 records');
  assert.deepEqual(seen, sent);
});

test('a batch whose handler throws is delivered again; committed offsets survive a restart', async (t) => {
  const bus = new MemoryBus({ partitions: 1, retryDelayMs: 1 });
  t.after(() => bus.close());
  await bus.ensureTopics(['a']);
  const producer = await bus.createProducer();
  await producer.send([1, 2, 3].map((i) => ({ topic: 'a', key: 'k', value: enc(String(i)) })));
  let failures = 1;
  const got: string[] = [];
  const sub = await bus.subscribe({
    groupId: 'g',
    topics: ['a'],
    onBatch: (batch) => {
      if (failures-- > 0) return Promise.reject(new Error('transient'));
      got.push(...batch.records.map((r: InboundRecord) => r.value.toString()));
      return Promise.resolve();
    },
  });
  await waitFor(() => got.length === 3, 'redelivery');
  await sub.stop();
  assert.deepEqual(got, ['1', '2', '3']);

  await producer.send([{ topic: 'a', key: 'k', value: enc('4') }]);
  const after: string[] = [];
  const sub2 = await bus.subscribe({ groupId: 'g', topics: ['a'], onBatch: (b) => { after.push(...b.records.map((r) => r.value.toString())); return Promise.resolve(); } });
  t.after(() => sub2.stop());
  await waitFor(() => after.length === 1, 'the record after the committed offset');
  assert.deepEqual(after, ['4']);
});

test('two members of one group split the partitions; each partition goes to exactly one', async (t) => {
  const bus = new MemoryBus({ partitions: 6 });
  t.after(() => bus.close());
  await bus.ensureTopics(['a']);
  const byMember: Array<Set<number>> = [new Set(), new Set()];
  const subs = await Promise.all([0, 1].map((m) => bus.subscribe({
    groupId: 'g', topics: ['a'],
    onBatch: (b) => { byMember[m]!.add(b.partition); return Promise.resolve(); },
  })));
  t.after(() => Promise.all(subs.map((s) => s.stop())));
  const producer = await bus.createProducer();
  await producer.send(Array.from({ length: 300 }, (_, i) => ({ topic: 'a', key: `k${i}`, value: enc('x') })));
  await waitFor(() => byMember[0]!.size + byMember[1]!.size === 6, 'all partitions consumed');
  for (const p of byMember[0]!) assert.equal(byMember[1]!.has(p), false, `partition ${p} consumed by both`);
});

test('publishing to a missing topic fails with a clear error', async () => {
  const bus = new MemoryBus({ partitions: 1 });
  const producer = await bus.createProducer();
  await assert.rejects(producer.send([{ topic: 'nope', key: 'k', value: enc('x') }]), /topic nope does not exist/);
});
