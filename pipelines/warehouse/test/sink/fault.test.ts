// Crash and broker restart: the sink runs as a child process on a broker this test starts; it is
// SIGKILLed mid-stream and started again, then the broker is restarted mid-stream. Afterwards
// ClickHouse holds every produced event exactly once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { requireEnv, startKafka, uniqueName } from '@switchboard/testkit';
import { conversationFacts, countAllEvents, countEvents, type TableCounts } from '../../src/index';
import { onCleanup } from '../support/cleanup';
import { freshDatabase, serverClient } from '../support/clickhouse';
import { byConversationId } from '../support/conversation-events';
import { PARTITIONS, testBus } from '../support/kafka';
import { logTail, startSinkProcess } from '../support/sink-process';
import { startSteadyProducer } from '../support/steady-producer';
import { waitFor } from '../support/wait-for';

const total = (c: TableCounts): number => Object.values(c).reduce((a, b) => a + b, 0);

void test('SIGKILL of the sink and a broker restart mid-stream: every event stored exactly once', async (t) => {
  const workDir = mkdtempSync(join(tmpdir(), 'wh-fault-'));
  onCleanup(t, () => { rmSync(workDir, { recursive: true, force: true }); });
  const kafka = await startKafka({ workDir: join(workDir, 'kafka') });
  onCleanup(t, () => kafka.stop());
  const client = serverClient(t);
  const database = freshDatabase(t, client, 'wh_fault');
  const { bus, topics, prefix } = testBus(t, kafka.brokers, { quiet: true });
  const producer = await bus.createProducer();
  onCleanup(t, () => producer.close());

  const logFile = join(workDir, 'sink.log');
  const env = {
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_PARTITIONS: String(PARTITIONS),
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_FAST_GROUPS: 'true',
    CLICKHOUSE_URL: requireEnv('CLICKHOUSE_URL'),
    CLICKHOUSE_DATABASE: database,
    WAREHOUSE_HTTP_PORT: '0',
    WAREHOUSE_BATCH_MAX_WAIT_MS: '200',
    LOG_LEVEL: 'warn',
  };
  const stored = (): Promise<number> => countAllEvents(client, database).then(total, () => 0);
  const failWith = (what: string) => (err: unknown): never => {
    throw new Error(`${what}: ${err instanceof Error ? err.message : String(err)}\n--- sink log ---\n${logTail(logFile)}`);
  };

  let sink = startSinkProcess(t, env, logFile);
  const stream = startSteadyProducer(producer, topics, uniqueName('tenant'));
  onCleanup(t, () => stream.stop());

  // 1. Crash: SIGKILL while events are flowing, then start a fresh process.
  await waitFor(stored, (n) => n > 200, { timeoutMs: 60_000, what: 'the first events in ClickHouse' }).catch(failWith('first sink'));
  sink.kill('SIGKILL');
  assert.equal((await sink.exited).signal, 'SIGKILL');
  const atCrash = await stored();
  sink = startSinkProcess(t, env, logFile);
  await waitFor(stored, (n) => n > atCrash + 200, { timeoutMs: 60_000, what: 'events after the sink restart' }).catch(failWith('restarted sink'));

  // 2. The broker goes away and comes back on the same data, mid-stream.
  await kafka.restart();
  const atRestart = await stored();
  await waitFor(stored, (n) => n > atRestart + 200, { timeoutMs: 90_000, what: 'events after the broker restart' }).catch(failWith('after broker restart'));
  assert.ok(sink.isAlive(), `the sink survived the broker restart\n${logTail(logFile)}`);

  // 3. Stop the stream; everything produced arrives, each event once.
  await stream.stop();
  const ids = stream.conversationIds();
  const expected = stream.expectedCounts();
  await waitFor(() => countEvents(client, database, ids), (c) => JSON.stringify(c) === JSON.stringify(expected), {
    timeoutMs: 90_000,
    what: `all ${total(expected)} events of ${ids.length} conversations`,
  }).catch(failWith('final count'));
  const facts = await conversationFacts(client, database, ids);
  assert.deepEqual(facts, stream.conversations.map((c) => c.facts).sort(byConversationId));
  const rows = total(await countEvents(client, database, ids, 'rows'));
  t.diagnostic(`${ids.length} conversations, ${total(expected)} events, ${rows} rows stored (copies included), ${stream.resends()} resends`);

  // A graceful stop drains and exits 0.
  sink.kill('SIGTERM');
  assert.deepEqual(await sink.exited, { code: 0, signal: null }, logTail(logFile));
});
