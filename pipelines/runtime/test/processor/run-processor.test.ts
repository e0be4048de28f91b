// A processor running on real Kafka: outputs published, poison records dead-lettered on sb.dlq
// with their origin, the processor goes on; control topics use their own lane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, DeadLetter, EndReason, type Envelope } from '@switchboard/contracts';
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

test('a hang-up on the control lane is handled while an audio backlog is still being processed', async (t) => {
  const bus = new KafkaBus({ brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: 'lanes-test', partitions: 3, logger, fastGroups: true });
  t.after(() => bus.close());
  const topics = topicNames(uniqueName('lanes') + '.');
  await bus.ensureTopics([topics.calls, topics.audio, topics.actions, topics.dlq]);

  const AUDIO = 600;
  let audioHandled = 0;
  let audioHandledWhenHungUp = -1;
  const slowAudio: Processor = {
    name: 'lanes',
    inputs: ['audio', 'calls'],
    handles: new Set(['audio', 'callEnded']),
    initialState: () => undefined,
    async handle(event) {
      if (event.audio) {
        audioHandled++;
        await new Promise((r) => setTimeout(r, 5)); // a slow consumer of audio (ASR-like)
      }
      if (event.callEnded) audioHandledWhenHungUp = audioHandled;
    },
  };
  const producer = await bus.createProducer();
  t.after(() => producer.close());
  const running = await runProcessor(slowAudio, { bus, topics, logger, groupId: uniqueName('g') });
  t.after(() => running.stop());
  // An audio backlog (one fetch's worth for one call), and the caller hangs up while the
  // processor is in the middle of it.
  const chunk = { codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channels: 1, frameCount: 5, frameDurationMs: 20, payload: Buffer.alloc(800) };
  await producer.send(Array.from({ length: AUDIO }, (_, i) => ({ topic: topics.audio, key: 'c1', value: encodeEnvelope(testEvent('audio', { ...chunk, firstSequence: i * 5 + 1 }, { conversationId: 'c1' })) })));
  await waitUntil(() => audioHandled >= 20, 'audio processing to be under way', 30_000);
  await producer.send([{ topic: topics.calls, key: 'c1', value: encodeEnvelope(testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 1, audioFrames: 0, dtmfDigits: 0 }, { conversationId: 'c1' })) }]);
  await waitUntil(() => audioHandledWhenHungUp >= 0, 'the hang-up to be handled', 30_000);
  // On one lane the consumer fetches again only when the audio batch in hand is done: the hang-up
  // would wait behind hundreds of slow audio records.
  assert.ok(audioHandledWhenHungUp < AUDIO / 2, `hang-up handled after ${audioHandledWhenHungUp} of ${AUDIO} audio records`);
});
