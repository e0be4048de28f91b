import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InsertGatherer, type TableName, type TableRow } from '../../src/index';

function rows(table: TableName, n: number, prefix = 'e'): TableRow[] {
  return Array.from({ length: n }, (_, i) => ({ table, eventId: `${prefix}${i}`, occurredAtMs: 1, line: `${prefix}${i}` }));
}

interface Call {
  table: TableName;
  count: number;
}

function recorder(fail?: () => Error | undefined): { calls: Call[]; insert: (table: TableName, r: readonly TableRow[]) => Promise<void> } {
  const calls: Call[] = [];
  return {
    calls,
    insert: (table, r) => {
      calls.push({ table, count: r.length });
      const err = fail?.();
      return err ? Promise.reject(err) : Promise.resolve();
    },
  };
}

void test('rows of batches handed in together go in one insert per table once every slot waits', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 60_000, concurrency: 2, insert: rec.insert });
  g.beginBatch();
  g.beginBatch();
  const a = g.submit([...rows('transcripts', 3, 'a'), ...rows('intents', 1, 'a')]);
  const b = g.submit(rows('transcripts', 2, 'b'));
  await Promise.all([a, b]);
  assert.deepEqual(rec.calls.sort((x, y) => x.table.localeCompare(y.table)), [{ table: 'intents', count: 1 }, { table: 'transcripts', count: 5 }]);
});

void test('a lone small batch waits for maxWaitMs, then is inserted', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 50, concurrency: 4, insert: rec.insert });
  const started = Date.now();
  g.beginBatch();
  await g.submit(rows('emotions', 2));
  assert.ok(Date.now() - started >= 45, 'waited for the max wait');
  assert.deepEqual(rec.calls, [{ table: 'emotions', count: 2 }]);
});

void test('rows that already waited in Kafka for maxWaitMs go at once; flushes keep maxWaitMs/2 apart', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 200, concurrency: 4, insert: rec.insert });
  let started = Date.now();
  g.beginBatch();
  await g.submit(rows('emotions', 2, 'a'), Date.now() - 1000);
  assert.ok(Date.now() - started < 100, 'no second full wait for rows that queued in Kafka');
  started = Date.now();
  g.beginBatch();
  await g.submit(rows('emotions', 2, 'b'), Date.now() - 1000);
  assert.ok(Date.now() - started >= 90, 'but not more often than every maxWaitMs/2');
  assert.equal(rec.calls.length, 2);
});

void test('maxRows caps every insert, a big batch is split, and its promise waits for all pieces', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 10, maxWaitMs: 60_000, concurrency: 1, insert: rec.insert });
  g.beginBatch();
  await g.submit(rows('audio_chunks', 25));
  assert.deepEqual(rec.calls.map((c) => c.count).sort((x, y) => x - y), [5, 10, 10]);
});

void test('once nobody decodes and maxRows rows are buffered, it inserts without waiting', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 10, maxWaitMs: 60_000, concurrency: 8, insert: rec.insert });
  g.beginBatch();
  g.beginBatch();
  const a = g.submit(rows('transcripts', 6, 'a'));
  const b = g.submit(rows('intents', 6, 'b'));
  await Promise.all([a, b]);
  assert.equal(rec.calls.length, 2);
});

void test('a failed insert rejects every batch whose rows it held', async () => {
  const rec = recorder(() => new Error('clickhouse down'));
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 10, concurrency: 2, insert: rec.insert });
  g.beginBatch();
  g.beginBatch();
  const results = await Promise.allSettled([g.submit(rows('actions', 1, 'a')), g.submit(rows('actions', 1, 'b'))]);
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
});

void test('a batch with nothing to insert resolves at once and does not hold the others', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 60_000, concurrency: 2, insert: rec.insert });
  g.beginBatch();
  await g.submit([]);
  assert.equal(g.bufferedRows, 0);
  assert.deepEqual(rec.calls, []);
});

void test('flush() inserts what is buffered at once (drain)', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 60_000, concurrency: 4, insert: rec.insert });
  g.beginBatch();
  const pending = g.submit(rows('dtmf_events', 3));
  await g.flush();
  await pending;
  assert.deepEqual(rec.calls, [{ table: 'dtmf_events', count: 3 }]);
});

void test('without consumer slots (a pipelined consumer goes on fetching), waiting batches force no insert', async () => {
  const rec = recorder();
  const g = new InsertGatherer({ maxRows: 100, maxWaitMs: 60_000, insert: rec.insert });
  const acks: Array<Promise<void>> = [];
  for (let i = 0; i < 5; i++) {
    g.beginBatch();
    acks.push(g.submit(rows('intents', 2, `b${i}`)));
  }
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(rec.calls, [], 'ten rows of five waiting batches stay buffered');
  assert.equal(g.bufferedRows, 10);
  await g.flush();
  await Promise.all(acks);
  assert.deepEqual(rec.calls, [{ table: 'intents', count: 10 }]);
});
