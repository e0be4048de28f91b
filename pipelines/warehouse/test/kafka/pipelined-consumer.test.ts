// The sink's own Kafka consumer on the real broker: every record delivered in order per
// partition; offsets committed only past batches that settled with all earlier ones; a failed
// batch redelivered; a second member sharing the partitions and taking them over when the first
// leaves.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createLogger, type InboundBatch, type InboundRecord, type OutboundRecord } from '@switchboard/runtime';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { Cluster } from '../../src/kafka/cluster';
import { findCoordinator, offsetFetch } from '../../src/kafka/protocol';
import { PipelinedConsumer } from '../../src/kafka/pipelined-consumer';
import { onCleanup } from '../support/cleanup';
import { PARTITIONS, testBus } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const brokers = (): string[] => requireEnv('KAFKA_BROKERS').split(',');

interface Harness {
  readonly topics: string[];
  produce(count: number, tag: string): Promise<void>;
  consumer(groupId: string, onBatch: (batch: InboundBatch) => Promise<void>): Promise<PipelinedConsumer>;
}

async function harness(t: TestContext): Promise<Harness> {
  const { bus, topics: names } = testBus(t, brokers().join(','));
  const topics = [names.audio, names.calls];
  await bus.ensureTopics(topics);
  const producer = await bus.createProducer();
  onCleanup(t, () => producer.close());
  return {
    topics,
    produce: async (count, tag) => {
      const records: OutboundRecord[] = Array.from({ length: count }, (_, i) => ({ topic: topics[i % 2]!, key: `key-${i % 40}`, value: Buffer.from(`${tag}-${i}`) }));
      await producer.send(records);
    },
    consumer: async (groupId, onBatch) => {
      const c = new PipelinedConsumer({
        brokers: brokers(), clientId: 'consumer-test', groupId, topics, fastGroups: true, maxPendingRecords: 10_000, onBatch, logger: createLogger('consumer-test', 'error'),
      });
      await c.start();
      onCleanup(t, () => c.stop());
      return c;
    },
  };
}

const partitionKey = (r: InboundRecord): string => `${r.topic}/${r.partition}`;

/** Offsets arrive increasing within each partition, and each record once. */
function assertInOrder(records: readonly InboundRecord[]): void {
  const last = new Map<string, number>();
  for (const r of records) {
    const previous = last.get(partitionKey(r)) ?? -1;
    assert.ok(Number(r.offset) > previous, `${partitionKey(r)}: offset ${r.offset} after ${previous}`);
    last.set(partitionKey(r), Number(r.offset));
  }
}

/** The group's committed offsets, read with the consumer's own protocol code. */
async function committedOffsets(groupId: string, topics: readonly string[]): Promise<number[]> {
  const cluster = new Cluster({ brokers: brokers(), clientId: 'consumer-test', connectTimeoutMs: 3000, requestTimeoutMs: 10_000 });
  try {
    const coordinator = await findCoordinator(await cluster.any(), groupId);
    cluster.remember(coordinator);
    const partitions = topics.flatMap((topic) => Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition })));
    return (await offsetFetch(await cluster.connection(coordinator.nodeId, 'group'), groupId, partitions)).map((p) => p.offset);
  } finally {
    cluster.close();
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + Math.max(0, b), 0);

void test('every record once and in order; a restarted member resumes after the committed offsets', async (t) => {
  const h = await harness(t);
  const groupId = uniqueName('consumer');
  await h.produce(600, 'first');
  const seen: InboundRecord[] = [];
  const first = await h.consumer(groupId, (batch) => { seen.push(...batch.records); return Promise.resolve(); });
  await waitFor(() => Promise.resolve(seen.length), (n) => n >= 600, { timeoutMs: 30_000, what: '600 records' });
  await first.stop();
  assertInOrder(seen);
  assert.equal(new Set(seen.map((r) => r.value.toString())).size, 600);
  assert.equal(seen[0]!.key.startsWith('key-'), true);
  assert.equal(sum(await committedOffsets(groupId, h.topics)), 600, 'stop committed everything processed');

  await h.produce(200, 'second');
  const after: InboundRecord[] = [];
  await h.consumer(groupId, (batch) => { after.push(...batch.records); return Promise.resolve(); });
  await waitFor(() => Promise.resolve(after.length), (n) => n >= 200, { timeoutMs: 30_000, what: '200 new records' });
  // Old records would come before new ones in their partition: every partition got new ones.
  assert.equal(new Set(after.map(partitionKey)).size, 2 * PARTITIONS);
  assert.deepEqual(after.filter((r) => !r.value.toString().startsWith('second')), [], 'nothing committed came again');
});

void test('offsets move past a batch only once it and every earlier batch of its partition settled', async (t) => {
  const h = await harness(t);
  const groupId = uniqueName('consumer');
  await h.produce(100, 'a');
  const delivered: InboundRecord[] = [];
  let held: { batch: InboundBatch; release: () => void } | undefined;
  await h.consumer(groupId, (batch) => {
    delivered.push(...batch.records);
    // The very first batch stays pending; the later ones resolve at once.
    if (held) return Promise.resolve();
    return new Promise<void>((resolve) => { held = { batch, release: resolve }; });
  });
  // Registered after the consumer's own cleanup, so it runs first: stopping waits for pending batches.
  onCleanup(t, () => { held?.release(); });
  await waitFor(() => Promise.resolve(held), Boolean, { timeoutMs: 30_000, what: 'the first batch' });
  await h.produce(200, 'b'); // later batches, in every partition
  await waitFor(() => Promise.resolve(delivered.length), (n) => n >= 300, { timeoutMs: 30_000, what: 'every record handed out' });
  const index = (topic: string, partition: number): number => h.topics.indexOf(topic) * PARTITIONS + partition;
  const ends = new Array<number>(h.topics.length * PARTITIONS).fill(-1);
  for (const r of delivered) ends[index(r.topic, r.partition)] = Math.max(ends[index(r.topic, r.partition)]!, Number(r.offset) + 1);
  const heldAt = index(held!.batch.topic, held!.batch.partition);
  assert.ok(ends[heldAt]! > Number(held!.batch.records.at(-1)!.offset) + 1, 'later batches of the held partition were handed out and settled too');
  const committed = await waitFor(() => committedOffsets(groupId, h.topics), (o) => o.every((c, i) => i === heldAt || c === ends[i]), {
    timeoutMs: 30_000, what: 'the other partitions committed to their ends',
  });
  assert.equal(committed[heldAt], -1, 'nothing committed in the held partition while its first batch is pending');
  held!.release();
  await waitFor(() => committedOffsets(groupId, h.topics), (o) => o.every((c, i) => c === ends[i]), { timeoutMs: 30_000, what: 'everything committed after the release' });
});

void test('a failed batch is delivered again from its partition\'s oldest uncommitted record', async (t) => {
  const h = await harness(t);
  const groupId = uniqueName('consumer');
  await h.produce(300, 'a');
  const accepted: InboundRecord[] = [];
  let failures = 0;
  await h.consumer(groupId, (batch) => {
    if (failures < 2) {
      failures++;
      return Promise.reject(new Error('ClickHouse said no'));
    }
    accepted.push(...batch.records);
    return Promise.resolve();
  });
  await waitFor(() => committedOffsets(groupId, h.topics), (o) => sum(o) === 300, { timeoutMs: 30_000, what: 'everything committed' });
  assert.equal(new Set(accepted.map((r) => r.value.toString())).size, 300, 'every record accepted, the failed ones included');
});

void test('two members share the partitions; when one leaves the other takes them over', async (t) => {
  const h = await harness(t);
  const groupId = uniqueName('consumer');
  const seenBy: [InboundRecord[], InboundRecord[]] = [[], []];
  const one = await h.consumer(groupId, (batch) => { seenBy[0].push(...batch.records); return Promise.resolve(); });
  await h.consumer(groupId, (batch) => { seenBy[1].push(...batch.records); return Promise.resolve(); });
  await h.produce(400, 'both');
  await waitFor(() => committedOffsets(groupId, h.topics), (o) => sum(o) === 400, { timeoutMs: 60_000, what: 'all 400 committed' });
  const both = [...seenBy[0], ...seenBy[1]].filter((r) => r.value.toString().startsWith('both'));
  assert.ok(seenBy[0].length > 0 && seenBy[1].length > 0, `both members worked: ${seenBy[0].length} and ${seenBy[1].length}`);
  assert.equal(new Set(both.map((r) => r.value.toString())).size, 400);

  await one.stop();
  const before = seenBy[1].length;
  await h.produce(200, 'later');
  await waitFor(() => Promise.resolve(seenBy[1].slice(before).filter((r) => r.value.toString().startsWith('later')).length), (n) => n === 200, {
    timeoutMs: 60_000, what: 'the remaining member receiving every new record',
  });
});
