// The sink on real Kafka and ClickHouse 18.16: every kind of event, each produced twice, ends up
// exactly once; an undecodable record is dead-lettered (sb.dlq and dead_letters) and the events
// after it still arrive. Both ways of consuming: the sink's own consumer (main.js) and the bus.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { DeadLetter } from '@switchboard/contracts';
import { createLogger } from '@switchboard/runtime';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { conversationFacts, countEvents, deadLettersFrom, migrate, startSink, type TableCounts } from '../../src/index';
import { onCleanup } from '../support/cleanup';
import { freshDatabase, serverClient } from '../support/clickhouse';
import { buildConversation, byConversationId, eventRecord, sumCounts } from '../support/conversation-events';
import { readTopic, sinkKafka, testBus } from '../support/kafka';
import { waitFor } from '../support/wait-for';

async function everyKindOnce(t: TestContext, consumer: 'own' | 'bus'): Promise<void> {
  const client = serverClient(t);
  const database = freshDatabase(t, client, 'wh_sink');
  await migrate(client, { database });
  const { bus, topics } = testBus(t, requireEnv('KAFKA_BROKERS'));
  const groupId = uniqueName('sb_warehouse');
  const kafka = consumer === 'own' ? { kafka: sinkKafka(requireEnv('KAFKA_BROKERS')) } : {};
  const sink = await startSink({ bus, topics, client, database, groupId, logger: createLogger('warehouse-test', 'warn'), batchMaxWaitMs: 200, concurrency: 8, ...kafka });
  onCleanup(t, () => sink.stop());
  const producer = await bus.createProducer();
  onCleanup(t, () => producer.close());

  const tenantId = uniqueName('tenant');
  const before = [0, 1, 2, 3].map((i) =>
    buildConversation({ tenantId, conversationId: uniqueName(`conv${i}`), startMs: Date.now() - 60_000 + i, audioChunks: 6, turns: 4, dtmfDigits: 2 }),
  );
  const after = buildConversation({ tenantId, conversationId: uniqueName('conv_after'), startMs: Date.now(), audioChunks: 3, turns: 2 });
  const records = before.flatMap((c) => c.events).map((e) => eventRecord(topics, e));
  const garbage = randomBytes(120);
  await producer.send(records);
  await producer.send([{ topic: topics.audio, key: 'garbage-key', value: garbage }]);
  await producer.send([...records].reverse()); // every event a second time
  await producer.send(after.events.map((e) => eventRecord(topics, e)));

  const all = [...before, after];
  const ids = all.map((c) => c.facts.conversation_id);
  const expected: TableCounts = sumCounts(all.map((c) => c.counts));
  const sameCounts = (c: TableCounts): boolean => JSON.stringify(c) === JSON.stringify(expected);
  await waitFor(() => countEvents(client, database, ids), sameCounts, { timeoutMs: 60_000, what: 'every event in ClickHouse' });

  const facts = await conversationFacts(client, database, ids, tenantId);
  assert.deepEqual(facts, all.map((c) => c.facts).sort(byConversationId));

  // Where the garbage landed, read back from Kafka itself.
  const audio = await readTopic(bus, topics.audio, all.reduce((n, c) => n + c.counts.audio_chunks, 0) * 2 - after.counts.audio_chunks + 1, 30_000);
  const origin = audio.find((r) => r.value.equals(garbage));
  assert.ok(origin, 'the garbage record is on the audio topic');

  const [dlqRecord] = (await readTopic(bus, topics.dlq, 1, 30_000)).filter((r) => r.key === 'garbage-key');
  assert.ok(dlqRecord, 'a dead letter for the garbage record on sb.dlq');
  const dl = DeadLetter.decode(dlqRecord.value);
  assert.ok(['DECODE_FAILED', 'INVALID_EVENT'].includes(dl.errorCode), dl.errorCode);
  assert.equal(dlqRecord.headers['sb-dlq-code'], dl.errorCode);
  assert.ok(dl.reason.length > 0);
  assert.equal(dl.originTopic, topics.audio);
  assert.equal(dl.originPartition, origin.partition);
  assert.equal(dl.originOffset, Number(origin.offset));
  assert.equal(dl.processor, groupId);
  assert.ok(dl.value.equals(garbage), 'the original bytes are kept');

  const stored = await waitFor(() => deadLettersFrom(client, database, [topics.audio]), (r) => r.length === 1, { timeoutMs: 30_000, what: 'the dead letter in dead_letters' });
  assert.equal(stored[0]!.error_code, dl.errorCode);
  assert.equal(stored[0]!.origin_partition, origin.partition);
  assert.equal(stored[0]!.origin_offset, Number(origin.offset));
  assert.equal(stored[0]!.conversation_id, 'garbage-key');
  assert.equal(stored[0]!.record_value_hex, garbage.toString('hex').toUpperCase());
  assert.equal((await countEvents(client, database, ids)).dead_letters, 0, 'the garbage was not stored as an event');

  const metrics = await sink.metrics.registry.getSingleMetricAsString('warehouse_dead_letters_total');
  assert.match(metrics, /warehouse_dead_letters_total\{code="(DECODE_FAILED|INVALID_EVENT)"\} [1-9]/);
}

void test('events of every kind produced twice are stored once; garbage is dead-lettered and the sink goes on (the sink\'s own consumer)', async (t) => {
  await everyKindOnce(t, 'own');
});

void test('events of every kind produced twice are stored once; garbage is dead-lettered and the sink goes on (consuming through the bus)', async (t) => {
  await everyKindOnce(t, 'bus');
});
