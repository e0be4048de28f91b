// The Kafka state store on a real broker: many conversations saving at once coalesce into few
// requests yet each save resolves only once stored; load() gives the latest checkpoint per
// conversation; a finished conversation leaves a real tombstone (null value) for compaction.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTopicsToEnd, requireEnv, uniqueName } from '@switchboard/testkit';
import { createLogger } from '../../src/logger';
import { KafkaStateStore } from '../../src/state/kafka-state-store';

const logger = createLogger('test', 'warn');
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('concurrent saves are all stored, the latest per conversation loads, tombstones are null', async (t) => {
  const brokers = requireEnv('KAFKA_BROKERS').split(',');
  const topic = uniqueName('state');
  const store = new KafkaStateStore({ brokers, clientId: 'state-test', topic, partitions: 3, logger });
  t.after(() => store.close());
  assert.equal((await store.load()).size, 0, 'a new topic holds nothing');

  // 300 conversations, three saves each, all at once: the third is the one that must win.
  const ids = Array.from({ length: 300 }, (_, i) => `conv-${i}`);
  for (const round of [1, 2, 3]) await Promise.all(ids.map((id) => store.save([{ key: id, value: bytes(`${id}@${round}`) }])));
  await Promise.all(ids.slice(0, 100).map((id) => store.save([{ key: id, value: null }])));

  const records: Array<{ key: string; tombstone: boolean }> = [];
  await readTopicsToEnd(brokers, [topic], (r) => { records.push({ key: r.key.toString(), tombstone: r.tombstone }); });
  assert.equal(records.length, 300 * 3 + 100, 'every save acknowledged is on the topic');
  assert.equal(records.filter((r) => r.tombstone).length, 100, 'finished conversations are null-valued records');

  const other = new KafkaStateStore({ brokers, clientId: 'state-test-2', topic, partitions: 3, logger });
  t.after(() => other.close());
  const loaded = await other.load();
  assert.equal(loaded.size, 200);
  assert.equal(loaded.has('conv-0'), false);
  for (const id of ids.slice(100)) assert.equal(new TextDecoder().decode(loaded.get(id)), `${id}@3`);
});
