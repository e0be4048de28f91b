import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryBus } from '../../src/bus/memory-bus';
import { encodeEnvelope } from '../../src/envelope';
import { testEvent } from '../../src/processor/harness';
import { EventLog } from '../../src/testing/event-log';
import { topicNames } from '../../src/topics';

test('collects each event once per conversation and resolves waits on arrival', async (t) => {
  const bus = new MemoryBus({ partitions: 3 });
  const topics = topicNames('t.');
  const log = new EventLog();
  await log.start(bus, topics, 'reader');
  t.after(() => log.stop());
  const producer = await bus.createProducer();
  const dtmf = (c: string, digit: string, eventId: string) =>
    ({ topic: topics.calls, key: c, value: encodeEnvelope(testEvent('dtmf', { digit, durationMs: 80, sequence: 0 }, { conversationId: c, eventId })) });

  const waiting = log.waitFor('c1', (e) => e.kind === 'dtmf' && e.envelope.dtmf?.digit === '2', 'the digit 2');
  const counting = log.waitForCount('c1', (e) => e.kind === 'dtmf', 3, 'three digits');
  await producer.send([dtmf('c1', '1', 'e1'), dtmf('c2', '9', 'e9'), dtmf('c1', '2', 'e2')]);
  assert.equal((await waiting).envelope.eventId, 'e2');
  // A redelivered record (same event id) is not a new event.
  await producer.send([dtmf('c1', '2', 'e2'), dtmf('c1', '3', 'e3')]);
  await counting;
  assert.deepEqual(log.events('c1').map((e) => e.envelope.dtmf?.digit), ['1', '2', '3']);
  assert.deepEqual(log.counts('c2'), { dtmf: 1 });
  // Bytes that are no envelope are counted, not collected; the next record behind them arrives.
  await producer.send([{ topic: topics.calls, key: 'c3', value: Uint8Array.from([0xff]) }, dtmf('c3', '4', 'e4')]);
  await log.waitFor('c3', (e) => e.envelope.eventId === 'e4', 'the record after the bad one');
  assert.equal(log.undecodable, 1);
  assert.deepEqual(log.counts('c3'), { dtmf: 1 });
  await assert.rejects(log.waitFor('c4', () => true, 'anything', 50), /no anything within 50 ms/);
});
