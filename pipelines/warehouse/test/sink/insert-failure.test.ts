// ClickHouse refusing inserts: the sink retries, then hands the batch back without committing;
// a sink started later (same group) finds those records again and stores them once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '@switchboard/runtime';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { countEvents, createSinkMetrics, migrate, qualified, startSink, type TableCounts } from '../../src/index';
import { onCleanup } from '../support/cleanup';
import { freshDatabase, selectJson, serverClient } from '../support/clickhouse';
import { buildConversation, eventRecord } from '../support/conversation-events';
import { sinkKafka, testBus } from '../support/kafka';
import { waitFor } from '../support/wait-for';

void test('failed inserts are retried and never committed: a later sink stores the records once', async (t) => {
  const client = serverClient(t);
  const database = freshDatabase(t, client, 'wh_fail');
  await migrate(client, { database });
  const { bus, topics } = testBus(t, requireEnv('KAFKA_BROKERS'));
  const groupId = uniqueName('sb_warehouse');
  const logger = createLogger('warehouse-test', 'error');
  const options = { bus, topics, client, database, groupId, logger, batchMaxWaitMs: 100, insertMaxAttempts: 2, insertRetryBaseDelayMs: 20, kafka: sinkKafka(requireEnv('KAFKA_BROKERS')) };

  // transcripts is unavailable: every insert into it fails.
  await client.command({ query: `RENAME TABLE ${qualified(database, 'transcripts')} TO ${qualified(database, 'transcripts_away')}` });
  const metrics = createSinkMetrics();
  const first = await startSink({ ...options, metrics });
  onCleanup(t, () => first.stop());
  const producer = await bus.createProducer();
  onCleanup(t, () => producer.close());
  const c = buildConversation({ tenantId: 'tenant', conversationId: uniqueName('conv'), startMs: Date.now(), audioChunks: 3, turns: 3 });
  await producer.send(c.events.map((e) => eventRecord(topics, e)));

  const ids = [c.facts.conversation_id];
  const failures = async (): Promise<number> => (await metrics.insertFailures.get()).values.find((v) => v.labels.table === 'transcripts')?.value ?? 0;
  await waitFor(failures, (n) => n >= 4, { timeoutMs: 30_000, what: 'repeated failed transcripts inserts (the batch redelivered)' });
  // The other tables go on: intents (another topic) are stored meanwhile.
  const intents = async (): Promise<number> => (await selectJson<{ n: number }>(client, `SELECT uniqExact(event_id) AS n FROM ${qualified(database, 'intents')}`))[0]?.n ?? 0;
  await waitFor(intents, (n) => n === c.counts.intents, { timeoutMs: 30_000, what: 'the intents stored while transcripts fail' });
  const failedBatches = (await metrics.batchesFailed.get()).values[0]?.value ?? 0;
  assert.ok(failedBatches >= 1, 'the batch was handed back, not swallowed');
  await first.stop();

  // The table is back; a new sink in the same group must find the transcripts uncommitted.
  await client.command({ query: `RENAME TABLE ${qualified(database, 'transcripts_away')} TO ${qualified(database, 'transcripts')}` });
  const second = await startSink(options);
  onCleanup(t, () => second.stop());
  const same = (n: TableCounts): boolean => JSON.stringify(n) === JSON.stringify(c.counts);
  await waitFor(() => countEvents(client, database, ids), same, { timeoutMs: 60_000, what: 'every event once, transcripts included' });
});
