// The call session's watchdogs: a stream that never starts, a live call that goes silent, and
// silence caused by our own back-pressure (which must not count against the caller).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { EndReason } from '@switchboard/contracts';
import { isSwitchboardError } from '@switchboard/runtime';
import { CallSession } from '../../src/call/call-session';
import { g711Frame, startMessage } from '../helpers/calls';
import { RecordingPort, sessionDeps, settle } from '../helpers/session-fakes';

/** The watchdog timer is unref'd (a server's sockets keep the process up); these tests hold it up. */
function keepAlive(t: TestContext): void {
  const timer = setInterval(() => undefined, 1000);
  t.after(() => { clearInterval(timer); });
}

void test('a stream that sends no start message is refused with DEADLINE_EXCEEDED; nothing is published', async (t) => {
  keepAlive(t);
  const deps = sessionDeps({ startTimeoutMs: 100 });
  const session = new CallSession(deps, new RecordingPort());
  const outcome = await session.outcome;
  assert.equal(outcome.kind, 'error');
  assert.ok(outcome.kind === 'error' && isSwitchboardError(outcome.error, 'DEADLINE_EXCEEDED'));
  assert.match(outcome.kind === 'error' ? outcome.error.message : '', /no start message within 100 ms/);
  assert.equal(deps.producer.sent.length, 0);
});

void test('a live call that goes silent ends with MEDIA_TIMEOUT after every frame it sent', async (t) => {
  keepAlive(t);
  const deps = sessionDeps({ startTimeoutMs: 100, mediaTimeoutMs: 150 });
  const port = new RecordingPort();
  const session = new CallSession(deps, port);
  session.handle({ start: startMessage() });
  await settle();
  for (let seq = 1; seq <= 3; seq++) session.handle({ audio: { sequence: seq, payload: g711Frame(seq) } });
  const outcome = await session.outcome;
  assert.ok(outcome.kind === 'error' && isSwitchboardError(outcome.error, 'DEADLINE_EXCEEDED'));
  const ended = deps.producer.envelopes().find((e) => e.callEnded)?.callEnded;
  assert.equal(ended?.reason, EndReason.END_REASON_MEDIA_TIMEOUT);
  assert.equal(ended?.audioFrames, 3);
  assert.equal(deps.producer.envelopes().flatMap((e) => (e.audio ? [e.audio.frameCount] : [])).reduce((a, b) => a + b, 0), 3, 'the open batch was flushed first');
});

void test('silence while the gateway holds the read side (back-pressure) does not time the call out', async (t) => {
  keepAlive(t);
  const deps = sessionDeps({ startTimeoutMs: 100, mediaTimeoutMs: 120, maxPendingFrames: 5, audioBatchFrames: 5 });
  const port = new RecordingPort();
  const session = new CallSession(deps, port);
  session.handle({ start: startMessage() });
  await settle();
  deps.producer.hold();
  for (let seq = 1; seq <= 5; seq++) session.handle({ audio: { sequence: seq, payload: g711Frame(seq) } });
  assert.equal(port.paused, true, 'paused by back-pressure');
  // Three media timeouts pass while paused: the watchdog fires (and re-arms) without ending the call.
  await new Promise((r) => setTimeout(r, 400));
  deps.producer.release();
  await settle();
  assert.equal(port.paused, false);
  // The caller, read again, sends more: the call must still be live and count them.
  for (let seq = 6; seq <= 8; seq++) session.handle({ audio: { sequence: seq, payload: g711Frame(seq) } });
  // Then it goes silent: now the silence is the caller's.
  const outcome = await session.outcome;
  assert.ok(outcome.kind === 'error' && isSwitchboardError(outcome.error, 'DEADLINE_EXCEEDED'));
  const ended = deps.producer.envelopes().find((e) => e.callEnded)?.callEnded;
  assert.equal(ended?.reason, EndReason.END_REASON_MEDIA_TIMEOUT);
  assert.equal(ended?.audioFrames, 8, 'frames after the pause belong to the call');
});
