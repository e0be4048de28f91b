// Every way the gateway refuses a stream: the exact gRPC status, and nothing published for the
// offending message. Absence is checked by reading the topics to their end after a known event
// (a marker call's CallEnded, or the rejected call's own CallEnded), never after a sleep.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { status } from '@grpc/grpc-js';
import { Codec, EndReason } from '@switchboard/contracts';
import { uniqueName } from '@switchboard/testkit';
import { playSimulatedCall } from '../../src/index';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway, type GatewayFixture } from '../helpers/gateway-fixture';
import { ofConversation, readTopics, type ReadRecord } from '../helpers/kafka-reader';

/** Plays a short valid call; once it returned OK, everything published before it is in the log. */
async function markerCall(fx: GatewayFixture): Promise<string> {
  const r = await playSimulatedCall(fx.client, { callId: uniqueName('marker'), tenantId: 'acme', frames: 3, paceMs: 0 });
  assert.equal(r.status.code, status.OK);
  assert.ok(r.conversationId);
  return r.conversationId;
}

async function readAll(fx: GatewayFixture): Promise<ReadRecord[]> {
  return readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
}

/** Nothing but the given conversations' events is on the topics. */
async function assertOnlyConversations(fx: GatewayFixture, ...conversationIds: string[]): Promise<ReadRecord[]> {
  const records = await readAll(fx);
  const strangers = records.filter((r) => !conversationIds.includes(r.envelope.conversationId));
  assert.deepEqual(strangers.map((r) => r.eventType), [], 'events published for a rejected stream');
  return records;
}

async function assertRejectedBeforeStart(t: TestContext, start: Parameters<typeof startMessage>[0], code: status, details: RegExp): Promise<void> {
  const fx = await startTestGateway(t);
  const stream = fx.client.openStream();
  stream.start(startMessage(start));
  stream.audio(1, g711Frame(1));
  const s = await stream.status;
  assert.equal(s.code, code, `status ${status[s.code]}: ${s.details}`);
  assert.match(s.details, details);
  await assertOnlyConversations(fx, await markerCall(fx));
}

/** A started call that receives a bad message: earlier frames published, the bad one not, CallEnded PROTOCOL_ERROR. */
async function assertRejectedMidCall(t: TestContext, bad: (s: import('../../src/index').MediaCallStream) => void, code: status, details: RegExp): Promise<void> {
  const fx = await startTestGateway(t);
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  for (let seq = 1; seq <= 7; seq++) stream.audio(seq, g711Frame(seq));
  bad(stream);
  stream.audio(100, g711Frame(100)); // after the violation: must not be published either
  const s = await stream.status;
  assert.equal(s.code, code, `status ${status[s.code]}: ${s.details}`);
  assert.match(s.details, details);
  const records = await assertOnlyConversations(fx, conversationId);
  const audio = ofConversation(records, fx.topics.audio, conversationId);
  assert.equal(audio.reduce((n, r) => n + r.envelope.audio!.frameCount, 0), 7);
  const calls = ofConversation(records, fx.topics.calls, conversationId).map((r) => r.eventType);
  assert.deepEqual(calls, ['callStarted', 'callAnswered', 'callEnded']);
  const ended = ofConversation(records, fx.topics.calls, conversationId).at(-1)!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_PROTOCOL_ERROR);
  assert.equal(ended.audioFrames, 7);
  assert.match(ended.detail, details);
}

void test('first message not start → INVALID_ARGUMENT, nothing published', async (t) => {
  const fx = await startTestGateway(t);
  const stream = fx.client.openStream();
  stream.audio(1, g711Frame(1));
  const s = await stream.status;
  assert.equal(s.code, status.INVALID_ARGUMENT);
  assert.match(s.details, /first message of a stream must be start/);
  await assertOnlyConversations(fx, await markerCall(fx));
});

void test('bad call id → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { callId: 'has space' }, status.INVALID_ARGUMENT, /call_id/);
});

void test('empty call id → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { callId: '' }, status.INVALID_ARGUMENT, /call_id/);
});

void test('bad tenant id → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { tenantId: 'Acme_Corp' }, status.INVALID_ARGUMENT, /tenant_id/);
});

void test('empty tenant id → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { tenantId: '' }, status.INVALID_ARGUMENT, /tenant_id/);
});

void test('unspecified codec → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { codec: Codec.CODEC_UNSPECIFIED }, status.INVALID_ARGUMENT, /codec/);
});

void test('unknown codec (a value outside the enum) → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { codec: Codec.UNRECOGNIZED }, status.INVALID_ARGUMENT, /codec/);
});

void test('sample rate not matching the codec → INVALID_ARGUMENT, nothing published', async (t) => {
  await assertRejectedBeforeStart(t, { codec: Codec.CODEC_PCMA, sampleRateHz: 16000 }, status.INVALID_ARGUMENT, /sample_rate_hz must be 8000/);
});

void test('oversized frame → INVALID_ARGUMENT, frame not published, CallEnded PROTOCOL_ERROR', async (t) => {
  await assertRejectedMidCall(t, (s) => s.audio(8, Buffer.alloc(161)), status.INVALID_ARGUMENT, /larger than one 20 ms frame/);
});

void test('out-of-order frame → OUT_OF_RANGE, frame not published, CallEnded PROTOCOL_ERROR', async (t) => {
  await assertRejectedMidCall(t, (s) => s.audio(7, g711Frame(7)), status.OUT_OF_RANGE, /sequence 7 is not greater than the previous 7/);
});

void test('second start on the same stream → FAILED_PRECONDITION, CallEnded PROTOCOL_ERROR', async (t) => {
  await assertRejectedMidCall(t, (s) => s.start(startMessage()), status.FAILED_PRECONDITION, /already started a call/);
});

void test('duplicate call id of a live call → ALREADY_EXISTS, nothing published for it', async (t) => {
  const fx = await startTestGateway(t);
  const start = startMessage();
  const live = fx.client.openStream();
  const conversationId = await acceptedCall(live, start);
  const dup = fx.client.openStream();
  dup.start({ ...start, tenantId: 'other' });
  dup.audio(1, g711Frame(1));
  const s = await dup.status;
  assert.equal(s.code, status.ALREADY_EXISTS);
  live.hangup();
  live.end();
  assert.equal((await live.status).code, status.OK);
  const records = await assertOnlyConversations(fx, conversationId);
  assert.equal(records.filter((r) => r.eventType === 'callStarted').length, 1);
});

void test('max calls reached → RESOURCE_EXHAUSTED, nothing published for it', async (t) => {
  const fx = await startTestGateway(t, { GATEWAY_MAX_CALLS: '1' });
  const live = fx.client.openStream();
  const conversationId = await acceptedCall(live, startMessage());
  const extra = fx.client.openStream();
  extra.start(startMessage());
  const s = await extra.status;
  assert.equal(s.code, status.RESOURCE_EXHAUSTED);
  assert.match(s.details, /limit of 1 live calls/);
  live.hangup();
  live.end();
  assert.equal((await live.status).code, status.OK);
  await assertOnlyConversations(fx, conversationId, await markerCall(fx));
});

void test('draining → UNAVAILABLE for new streams, readyz false; the live call goes on', async (t) => {
  const fx = await startTestGateway(t, { GATEWAY_DRAIN_TIMEOUT_MS: '60000' });
  const live = fx.client.openStream();
  const conversationId = await acceptedCall(live, startMessage());
  const stopped = fx.gateway.stop();
  const late = fx.client.openStream();
  late.start(startMessage());
  const s = await late.status;
  assert.equal(s.code, status.UNAVAILABLE);
  assert.match(s.details, /draining/);
  assert.equal((await fx.http('/readyz')).status, 503);
  // The live call still streams, then hangs up: the drain finishes without SHUTDOWN.
  for (let seq = 1; seq <= 3; seq++) live.audio(seq, g711Frame(seq));
  live.hangup();
  live.end();
  assert.equal((await live.status).code, status.OK);
  await stopped;
  const records = await assertOnlyConversations(fx, conversationId);
  const ended = records.find((r) => r.eventType === 'callEnded')!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_CALLER_HANGUP);
  assert.equal(ended.audioFrames, 3);
});
