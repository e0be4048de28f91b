// A processor running on real Kafka: outputs published, poison records dead-lettered on sb.dlq
// with their origin, the processor goes on; control topics use their own lane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeadLetter, EndReason, type Envelope } from '@switchboard/contracts';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { KafkaBus } from '../../src/bus/kafka-bus';
import type { InboundRecord } from '../../src/bus/port';
import { decodeEnvelope, encodeEnvelope } from '../../src/envelope';
import { createLogger } from '../../src/logger';
import { testEvent } from '../../src/processor/harness';
import type { Processor } from '../../src/processor/processor';
import { runProcessor } from '../../src/processor/run-processor';
import { topicNames } from '../../src/topics';
import { waitUntil } from '../wait';

const logger = createLogger('test', 'warn');

const echo: Processor<{ digits: string }> = {
  name: 'echo',
  inputs: ['calls'],
  handles: new Set(['dtmf', 'callEnded']),
  initialState: () => ({ digits: '' }),
  handle(event, ctx) {
    if (event.dtmf) ctx.state.digits += event.dtmf.digit;
    if (event.callEnded) {
      ctx.emit('action', { actionId: `a-${ctx.conversationId}`, say: { text: `digits:${ctx.state.digits}`, language: 'en', bargeInAllowed: true, promptId: '' } });
      ctx.finish();
    }
  },
};

test('runProcessor consumes, emits, and dead-letters poison records without stopping', async (t) => {
  const bus = new KafkaBus({ brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: 'rp-test', partitions: 3, logger, fastGroups: true });
  t.after(() => bus.close());
  const topics = topicNames(uniqueName('rp') + '.');
  await bus.ensureTopics([topics.calls, topics.actions, topics.dlq]);
  const running = await runProcessor(echo, { bus, topics, logger, groupId: uniqueName('g') });
  t.after(() => running.stop());

  const producer = await bus.createProducer();
  const conv = ['c1', 'c2'];
  const poisonKey = 'c1';
  await producer.send([
    ...conv.flatMap((c) => ['1', '2'].map((d, i) => ({ topic: topics.calls, key: c, value: encodeEnvelope(testEvent('dtmf', { digit: d, durationMs: 60, sequence: i }, { conversationId: c })) }))),
    // A length-delimited field that claims 16 bytes and carries 2: not decodable.
    { topic: topics.calls, key: poisonKey, value: Buffer.from([0x0a, 0x10, 0x61, 0x62]) },
    ...conv.map((c) => ({ topic: topics.calls, key: c, value: encodeEnvelope(testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 10, audioFrames: 0, dtmfDigits: 2 }, { conversationId: c })) })),
  ]);

  const actions: Envelope[] = [];
  const dead: InboundRecord[] = [];
  const reader = await bus.subscribe({
    groupId: uniqueName('reader'),
    topics: [topics.actions, topics.dlq],
    onBatch: (b) => {
      for (const r of b.records) {
        if (r.topic === topics.dlq) dead.push(r);
        else actions.push(decodeEnvelope(r.value));
      }
      return Promise.resolve();
    },
  });
  t.after(() => reader.stop());
  await waitUntil(() => actions.length === 2 && dead.length === 1, 'two actions and one dead letter', 30_000);

  assert.deepEqual(actions.map((a) => a.action?.say?.text).sort(), ['digits:12', 'digits:12']);
  assert.deepEqual(actions.map((a) => a.conversationId).sort(), conv);
  const dl = DeadLetter.decode(dead[0]!.value);
  assert.equal(dl.errorCode, 'DECODE_FAILED');
  assert.equal(dl.originTopic, topics.calls);
  assert.equal(dl.processor, 'echo');
  assert.ok(dl.originOffset >= 0);
  assert.deepEqual([...dl.value], [0x0a, 0x10, 0x61, 0x62], 'original bytes kept');
  assert.equal(running.core.stats.deadLettered, 1);
  await producer.close();
});
