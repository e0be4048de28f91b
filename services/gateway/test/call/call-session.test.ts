// Unit tests of the call session's own logic with a producer whose acknowledgements the test
// controls: back-pressure, ordering of CallEnded behind audio, failures, the control path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndReason } from '@switchboard/contracts';
import { newEnvelope } from '@switchboard/runtime';
import { CallSession } from '../../src/call/call-session';
import { g711Frame, startMessage } from '../helpers/calls';
import { RecordingPort, sessionDeps, settle } from '../helpers/session-fakes';

function frame(seq: number): { audio: { sequence: number; payload: Buffer } } {
  return { audio: { sequence: seq, payload: g711Frame(seq) } };
}

async function liveSession(deps: ReturnType<typeof sessionDeps>): Promise<{ session: CallSession; port: RecordingPort; conversationId: string }> {
  const port = new RecordingPort();
  const session = new CallSession(deps, port);
  session.handle({ start: startMessage() });
  await settle();
  const conversationId = port.written[0]?.accepted?.conversationId;
  assert.ok(conversationId, 'call accepted');
  assert.equal(port.paused, false);
  return { session, port, conversationId };
}

void test('back-pressure: the read side pauses at GATEWAY_MAX_PENDING_FRAMES unacked frames and resumes at half; nothing dropped', async () => {
  const deps = sessionDeps({ maxPendingFrames: 20, audioBatchFrames: 5 });
  const { session, port } = await liveSession(deps);
  deps.producer.hold();
  for (let seq = 1; seq <= 40; seq++) {
    session.handle(frame(seq));
    if (seq === 19) assert.equal(port.paused, false, 'below the threshold');
    if (seq === 20) assert.equal(port.paused, true, 'paused at 20 unacknowledged frames');
  }
  // Frames already in the transport's buffer still arrive while paused: they are accepted, not dropped.
  assert.equal(deps.globalFlow.pendingFrames, 40);
  assert.equal(deps.producer.heldCount, 1, 'one send per call in flight');
  await deps.producer.ackNext(); // first chunk (5 frames): 35 left
  assert.equal(port.paused, true, 'still above half the threshold');
  assert.equal(deps.producer.heldCount, 1, 'the 7 queued chunks leave together');
  await deps.producer.ackNext();
  assert.equal(port.paused, false, 'resumed once acknowledged');
  assert.equal(deps.globalFlow.pendingFrames, 0);

  const audio = deps.producer.envelopes().flatMap((e) => (e.audio ? [e.audio] : []));
  assert.deepEqual(audio.map((a) => [a.firstSequence, a.frameCount]), [[1, 5], [6, 5], [11, 5], [16, 5], [21, 5], [26, 5], [31, 5], [36, 5]]);
  const text = await deps.metrics.registry.getSingleMetricAsString('sb_gateway_frames_dropped_total');
  assert.match(text, /sb_gateway_frames_dropped_total 0$/m);
});

void test('CallEnded is sent only after every audio record of the call is acknowledged', async () => {
  const deps = sessionDeps({ audioBatchFrames: 5 });
  const { session } = await liveSession(deps);
  deps.producer.hold();
  for (let seq = 1; seq <= 7; seq++) session.handle(frame(seq));
  session.handle({ hangup: { reason: '' } });
  await settle();
  const kinds = (): string[] => deps.producer.envelopes().map((e) => (e.audio ? 'audio' : e.callEnded ? 'callEnded' : 'other'));
  assert.deepEqual(kinds().slice(2), ['audio'], 'the partial batch is flushed; CallEnded waits');
  await deps.producer.ackNext(); // [1..5]
  assert.deepEqual(kinds().slice(2), ['audio', 'audio']);
  await deps.producer.ackNext(); // [6..7]
  assert.deepEqual(kinds().slice(2), ['audio', 'audio', 'callEnded']);
  const endedSend = deps.producer.sent.at(-1)!;
  const lastAudioSend = deps.producer.sent.at(-2)!;
  assert.ok(lastAudioSend.ackedAtStep !== undefined && endedSend.ackedAtStep === undefined, 'sent after the audio ack');
  await deps.producer.ackNext();
  assert.deepEqual(await session.outcome, { kind: 'ok' });
  const ended = deps.producer.envelopes().at(-1)!.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_CALLER_HANGUP);
  assert.equal(ended.audioFrames, 7);
  assert.equal(deps.registry.size, 0);
});

void test('the gateway-wide limit pauses every call until the total is back at half', async () => {
  const deps = sessionDeps({ maxPendingFrames: 1000, maxPendingFramesTotal: 10, audioBatchFrames: 5 });
  const a = await liveSession(deps);
  const b = await liveSession(deps);
  deps.producer.hold();
  for (let seq = 1; seq <= 10; seq++) a.session.handle(frame(seq));
  assert.equal(a.port.paused, true, 'the call that reached the total is paused');
  b.session.handle(frame(1));
  assert.equal(b.port.paused, true, 'any other call pauses on its next frame');
  await deps.producer.ackNext(); // a: [1..5] → total 6, still saturated
  assert.equal(a.port.paused, true);
  await deps.producer.ackNext(); // a: [6..10] (or b's first chunk, not yet full) → total 1
  assert.equal(deps.globalFlow.pendingFrames, 1);
  assert.equal(a.port.paused, false);
  assert.equal(b.port.paused, false);
});

void test('a failed publish counts the lost frames as dropped and ends the call UNAVAILABLE', async () => {
  const deps = sessionDeps({ audioBatchFrames: 5 });
  const { session } = await liveSession(deps);
  deps.producer.hold();
  for (let seq = 1; seq <= 12; seq++) session.handle(frame(seq));
  await deps.producer.failNext(new Error('broker gone'));
  deps.producer.release();
  const outcome = await session.outcome;
  assert.equal(outcome.kind, 'error');
  assert.equal(outcome.kind === 'error' ? outcome.error.code : undefined, 'UNAVAILABLE');
  const dropped = await deps.metrics.registry.getSingleMetricAsString('sb_gateway_frames_dropped_total');
  assert.match(dropped, /sb_gateway_frames_dropped_total 12$/m, 'every accepted frame that did not reach Kafka is counted');
  // CallEnded is still attempted, outside the failed outbox.
  assert.equal(deps.producer.envelopes().at(-1)?.callEnded?.reason, EndReason.END_REASON_UNSPECIFIED);
  assert.equal(deps.globalFlow.pendingFrames, 0);
});

void test('messages and actions arriving while the call is being accepted are handled after StreamAccepted', async () => {
  const deps = sessionDeps({ audioBatchFrames: 2 });
  deps.producer.hold();
  const port = new RecordingPort();
  const session = new CallSession(deps, port);
  session.handle({ start: startMessage({ tenantId: 'acme' }) });
  session.handle(frame(1));
  session.handle(frame(2));
  await settle();
  assert.equal(port.paused, true, 'reading waits for acceptance');
  const [conversationId, deliver] = [...deps.control.handlers][0]!;
  deliver(newEnvelope({ tenantId: 'acme', conversationId, source: 'dialogue' }, 'action', { actionId: 'early', say: { text: 'hi', language: 'en', bargeInAllowed: false, promptId: '' } }));
  assert.equal(port.written.length, 0);
  await deps.producer.ackNext(); // CallStarted
  assert.equal(port.written.length, 0, 'not before CallAnswered is acknowledged too');
  await deps.producer.ackNext(); // CallAnswered
  assert.equal(port.written[0]?.accepted?.conversationId, conversationId);
  assert.equal(port.written[1]?.play?.actionId, 'early');
  assert.equal(port.paused, false);
  deps.producer.release();
  deliver(newEnvelope({ tenantId: 'acme', conversationId, source: 'dialogue' }, 'action', { actionId: 'bye', hangUp: { reason: 'done' } }));
  assert.deepEqual(await session.outcome, { kind: 'ok' });
  assert.equal(port.written.at(-1)?.hangup?.actionId, 'bye');
  assert.equal(deps.control.unsubscribed, 1, 'the control subscription is released');
  const kinds = deps.producer.envelopes().map((e) => Object.keys(e).find((k) => ['callStarted', 'callAnswered', 'audio', 'callEnded'].includes(k)));
  assert.deepEqual(kinds, ['callStarted', 'callAnswered', 'audio', 'callEnded']);
  assert.equal(deps.producer.envelopes().at(-1)?.callEnded?.reason, EndReason.END_REASON_BOT_HANGUP);
});
