// Every read query of the package, on ClickHouse 18.16 and on the current engine (chdb), over
// events stored twice (at-least-once delivery): results must count each event exactly once.
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import { DeadLetter } from '@switchboard/contracts';
import { createLogger, deadLetterRecord } from '@switchboard/runtime';
import { uniqueName } from '@switchboard/testkit';
import { conversationFacts, countAllEvents, countEvents, createSinkMetrics, deadLetterRow, deadLettersFrom, migrate, qualified, TABLE_NAMES } from '../src/index';
import { createTableInserter } from '../src/sink/table-inserter';
import { chdbEngine, closeChdbEngine, freshDatabase, serverEngine, type Engine } from './support/clickhouse';
import { buildConversation, byConversationId, sumCounts } from './support/conversation-events';
import { insertEvents } from './support/insert-events';

after(closeChdbEngine);

async function queriesCountOnce(t: TestContext, engine: Engine): Promise<void> {
  const db = freshDatabase(t, engine.client, 'wh_queries');
  await migrate(engine.client, { database: db });
  const tenant = uniqueName('tenant');
  const conversations = [0, 1, 2].map((i) =>
    buildConversation({ tenantId: tenant, conversationId: uniqueName(`conv${i}`), startMs: 1_760_000_000_000 + i * 60_000, audioChunks: 4 + i, turns: 2 + i, dtmfDigits: i }),
  );
  const ids = conversations.map((c) => c.facts.conversation_id).sort();
  const all = conversations.flatMap((c) => c.events);
  // Stored twice, in separate inserts, as a redelivered batch would be.
  await insertEvents(engine, db, all, 1_000);
  await insertEvents(engine, db, all, 2_000);

  const expectedCounts = sumCounts(conversations.map((c) => c.counts));
  assert.deepEqual(await countEvents(engine.client, db, ids), expectedCounts, `${engine.name}: distinct events`);
  const rows = await countEvents(engine.client, db, ids, 'rows');
  for (const table of TABLE_NAMES) assert.ok(rows[table] >= expectedCounts[table], `${engine.name}: ${table} rows`);
  assert.deepEqual(await countAllEvents(engine.client, db), expectedCounts);

  const expectedFacts = conversations.map((c) => c.facts).sort(byConversationId);
  assert.deepEqual(await conversationFacts(engine.client, db, ids), expectedFacts, `${engine.name}: facts`);
  assert.deepEqual(await conversationFacts(engine.client, db, ids, tenant), expectedFacts);
  assert.deepEqual(await conversationFacts(engine.client, db, ids, 'other-tenant'), []);
  assert.deepEqual(await conversationFacts(engine.client, db, []), []);

  // Once the engine has merged the copies away, the answers are the same.
  for (const table of TABLE_NAMES) await engine.client.command({ query: `OPTIMIZE TABLE ${qualified(db, table)} FINAL` });
  assert.deepEqual(await conversationFacts(engine.client, db, ids), expectedFacts, `${engine.name}: facts after merge`);
  assert.deepEqual(await countEvents(engine.client, db, ids, 'rows'), expectedCounts, `${engine.name}: copies merged away`);

  const insert = createTableInserter({ client: engine.client, database: db, metrics: createSinkMetrics(), logger: createLogger('t', 'error'), maxAttempts: 1 });
  const record = { topic: 'x.sb.audio', partition: 1, offset: '5', key: ids[0]!, value: Buffer.from([1, 2, 255]), headers: {}, timestampMs: 1 };
  const dl = DeadLetter.decode(deadLetterRecord('x.sb.dlq', record, 'DECODE_FAILED', 'garbage', 'sb.warehouse').value);
  await insert('dead_letters', [deadLetterRow(dl, 1_760_000_000_000, 1, engine.bytes)]);
  await insert('dead_letters', [deadLetterRow(dl, 1_760_000_000_000, 2, engine.bytes)]);
  const stored = await deadLettersFrom(engine.client, db, ['x.sb.audio']);
  assert.deepEqual(stored, [{
    event_id: 'dlq:sb.warehouse:x.sb.audio:1:5', tenant_id: '', conversation_id: ids[0]!, error_code: 'DECODE_FAILED', reason: 'garbage',
    processor: 'sb.warehouse', origin_topic: 'x.sb.audio', origin_partition: 1, origin_offset: 5, record_value_hex: '0102FF',
  }]);
  assert.equal((await countEvents(engine.client, db, ids)).dead_letters, 1);
}

void test('queries count every event once on ClickHouse 18.16', async (t) => {
  await queriesCountOnce(t, serverEngine(t));
});

void test('queries count every event once on the current engine (chdb)', async (t) => {
  await queriesCountOnce(t, await chdbEngine());
});
