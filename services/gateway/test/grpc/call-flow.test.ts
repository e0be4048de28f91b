// A whole call through the real gateway, Kafka and NATS: every event on Kafka in order, with
// counts, sequence continuity and batch sizes checked; and the other ways a call can end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { Codec, EndReason } from '@switchboard/contracts';
import { playSimulatedCall, toneFrame } from '../../src/index';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway } from '../helpers/gateway-fixture';
import { ofConversation, readTopics } from '../helpers/kafka-reader';
import { metricValue, waitFor } from '../helpers/wait-for';

void test('happy path: audio + DTMF + caller hang-up produce every event, in order, nothing lost', async (t) => {
  const fx = await startTestGateway(t, { GATEWAY_AUDIO_BATCH_FRAMES: '5' });
  const start = startMessage();
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, start);
  assert.match(conversationId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  for (let seq = 1; seq <= 23; seq++) {
    stream.audio(seq, g711Frame(seq));
    if (seq === 7) stream.dtmf('5', 120);
    if (seq === 12) stream.dtmf('#', 80);
  }
  stream.hangup('normal clearing');
  stream.end();
  const s = await stream.status;
  assert.equal(s.code, status.OK, s.details);

  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  for (const r of records) {
    assert.equal(r.key, conversationId);
    assert.equal(r.envelope.conversationId, conversationId);
    assert.equal(r.envelope.tenantId, 'acme');
    assert.equal(r.envelope.source, 'gateway');
    assert.ok(r.envelope.occurredAtMs > 0);
  }
  // Same key, same partition count: both topics put the conversation in the same partition.
  assert.equal(new Set(records.map((r) => r.partition)).size, 1);

  const calls = ofConversation(records, fx.topics.calls, conversationId);
  assert.deepEqual(calls.map((r) => r.eventType), ['callStarted', 'callAnswered', 'dtmf', 'dtmf', 'callEnded']);
  const started = calls[0]!.envelope.callStarted!;
  assert.deepEqual(started, {
    callId: start.callId, callerNumber: start.callerNumber, calleeNumber: start.calleeNumber,
    codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'grpc', attributes: { trunk: 'test' },
  });
  assert.ok(calls[1]!.envelope.callAnswered!.answeredAtMs >= calls[0]!.envelope.occurredAtMs);
  assert.deepEqual(calls[2]!.envelope.dtmf, { digit: '5', durationMs: 120, sequence: 7 });
  assert.deepEqual(calls[3]!.envelope.dtmf, { digit: '#', durationMs: 80, sequence: 12 });
  const ended = calls[4]!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_CALLER_HANGUP);
  assert.equal(ended.detail, 'normal clearing');
  assert.equal(ended.audioFrames, 23);
  assert.equal(ended.dtmfDigits, 2);
  assert.ok(ended.durationMs >= 0);

  // Batches of 5, cut early by each DTMF (audio before a key press is published before it) and
  // by the end of the call: [1..5] [6..7] [8..12] [13..17] [18..22] [23].
  const audio = ofConversation(records, fx.topics.audio, conversationId).map((r) => r.envelope.audio!);
  assert.deepEqual(audio.map((a) => [a.firstSequence, a.frameCount]), [[1, 5], [6, 2], [8, 5], [13, 5], [18, 5], [23, 1]]);
  let next = 1;
  for (const a of audio) {
    assert.equal(a.firstSequence, next, 'sequence continuity');
    assert.equal(a.codec, Codec.CODEC_PCMU);
    assert.equal(a.sampleRateHz, 8000);
    assert.equal(a.channels, 1);
    assert.equal(a.frameDurationMs, 20);
    assert.deepEqual(a.payload, Buffer.concat(Array.from({ length: a.frameCount }, (_, i) => g711Frame(a.firstSequence + i))));
    next += a.frameCount;
  }
  assert.equal(next - 1, 23);
});

void test('L16 16 kHz call with a sequence gap: batches hold consecutive frames only', async (t) => {
  const fx = await startTestGateway(t, { GATEWAY_AUDIO_BATCH_FRAMES: '4' });
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage({ codec: Codec.CODEC_L16, sampleRateHz: 16000 }));
  for (const seq of [10, 11, 12, 20, 21, 22, 23, 24]) stream.audio(seq, toneFrame(Codec.CODEC_L16, 16000, seq));
  stream.hangup();
  stream.end();
  assert.equal((await stream.status).code, status.OK);
  const records = await readTopics(fx.brokers, [fx.topics.audio]);
  const audio = ofConversation(records, fx.topics.audio, conversationId).map((r) => r.envelope.audio!);
  assert.deepEqual(audio.map((a) => [a.firstSequence, a.frameCount, a.payload.length]), [[10, 3, 1920], [20, 4, 2560], [24, 1, 640]]);
});

void test('stream cancelled mid-call → CallEnded STREAM_LOST with every accepted frame; live calls back to 0', async (t) => {
  const fx = await startTestGateway(t);
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  for (let seq = 1; seq <= 12; seq++) stream.audio(seq, g711Frame(seq));
  const metric = async (sample: string): Promise<number | undefined> => metricValue((await fx.http('/metrics')).body, sample);
  await waitFor('12 frames in', async () => ((await metric('sb_gateway_frames_in_total')) === 12 ? true : undefined));
  stream.cancel();
  assert.equal((await stream.status).code, status.CANCELLED);
  await waitFor('the call to end', async () => ((await metric('sb_gateway_calls_ended_total{reason="END_REASON_STREAM_LOST"}')) === 1 ? true : undefined));
  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  const ended = ofConversation(records, fx.topics.calls, conversationId).at(-1)!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_STREAM_LOST);
  assert.equal(ended.audioFrames, 12);
  const audio = ofConversation(records, fx.topics.audio, conversationId);
  assert.equal(audio.reduce((n, r) => n + r.envelope.audio!.frameCount, 0), 12);
  assert.equal(await metric('sb_gateway_live_calls'), 0);
  assert.equal(await metric('sb_gateway_frames_dropped_total'), 0);
});

void test('half-close without a hangup message counts as the caller hanging up', async (t) => {
  const fx = await startTestGateway(t);
  const result = await playSimulatedCall(fx.client, { callId: 'half-close-1', tenantId: 'acme', frames: 4, paceMs: 0, ending: 'half-close' });
  assert.equal(result.status.code, status.OK);
  const calls = ofConversation(await readTopics(fx.brokers, [fx.topics.calls]), fx.topics.calls, result.conversationId!);
  const ended = calls.at(-1)!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_CALLER_HANGUP);
  assert.equal(ended.audioFrames, 4);
});
