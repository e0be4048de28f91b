import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, EndReason } from '@switchboard/contracts';
import { encodeEnvelope } from '../../src/envelope';
import { ProcessorHarness, testEvent } from '../../src/processor/harness';
import type { Processor } from '../../src/processor/processor';

// A tiny processor: counts audio frames per call and announces the total when the call ends.
interface Counting { frames: number }
const counter: Processor<Counting> = {
  name: 'counter',
  inputs: ['calls', 'audio'],
  handles: new Set(['audio', 'callEnded']),
  initialState: () => ({ frames: 0 }),
  handle(event, ctx) {
    if (event.audio) ctx.state.frames += event.audio.frameCount;
    if (event.callEnded) {
      ctx.emit('action', { actionId: `bye-${ctx.state.frames}`, hangUp: { reason: `frames=${ctx.state.frames}` } });
      ctx.finish();
    }
  },
};

const audio = (seq: number, conversationId = 'c1') =>
  testEvent('audio', { codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channels: 1, firstSequence: seq, frameCount: 5, frameDurationMs: 20, payload: Buffer.alloc(800) }, { conversationId });

test('handles known kinds, keeps keyed state, passes the rest over', async () => {
  const h = new ProcessorHarness(counter);
  const dtmf = testEvent('dtmf', { digit: '5', durationMs: 100, sequence: 1 });
  assert.deepEqual(await h.run(audio(0), audio(5), dtmf, audio(0, 'c2')), []);
  assert.equal(h.stateOf('c1')?.frames, 10);
  assert.equal(h.stateOf('c2')?.frames, 5);
  assert.equal(h.core.stats.passedOver, 1);

  const out = await h.run(testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 1000, audioFrames: 10, dtmfDigits: 1 }, { conversationId: 'c1' }));
  assert.equal(out.length, 1);
  const first = out[0]!;
  assert.ok(first.topic === 'actions');
  assert.equal(first.envelope.action?.hangUp?.reason, 'frames=10');
  assert.equal(first.envelope.conversationId, 'c1');
  assert.equal(first.envelope.source, 'counter');
  assert.equal(h.stateOf('c1'), undefined, 'finished conversations drop their state');
});

test('a redelivered event is processed once and outputs get deterministic ids', async () => {
  const h = new ProcessorHarness(counter);
  const end = testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 1, audioFrames: 0, dtmfDigits: 0 });
  const a = await h.run(end);
  assert.equal(await h.run(end).then((o) => o.length), 0, 'duplicate skipped');
  assert.equal(h.core.stats.skippedDuplicates, 1);
  const h2 = new ProcessorHarness(counter);
  const b = await h2.run(end);
  const ida = a[0]?.topic === 'actions' ? a[0].envelope.eventId : '';
  const idb = b[0]?.topic === 'actions' ? b[0].envelope.eventId : '';
  assert.match(ida, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(ida, idb, 'a restarted processor re-emits the same event id');
});

test('undecodable bytes and a failing handler are dead-lettered with a reason; processing goes on', async () => {
  let calls = 0;
  const flaky: Processor = {
    name: 'flaky', inputs: ['calls'], handles: new Set(['dtmf']), initialState: () => undefined,
    handle(event) {
      calls++;
      if (event.dtmf?.digit === '#') throw new Error('cannot handle #');
    },
  };
  const h = new ProcessorHarness(flaky);
  const junk = await h.runRaw('sb.calls', 'c1', Buffer.from([0xff, 0xff, 0xff, 0x01]));
  assert.equal(junk.length, 1);
  const dead = junk[0]!;
  assert.ok(dead.topic === 'dlq');
  assert.equal(dead.deadLetter.errorCode, 'DECODE_FAILED');
  assert.equal(dead.deadLetter.originTopic, 'sb.calls');
  assert.deepEqual([...dead.deadLetter.value], [0xff, 0xff, 0xff, 0x01]);

  const bad = await h.run(testEvent('dtmf', { digit: '#', durationMs: 80, sequence: 2 }));
  assert.ok(bad[0]?.topic === 'dlq');
  assert.equal(bad[0].deadLetter.errorCode, 'HANDLER_FAILED');
  assert.match(bad[0].deadLetter.reason, /flaky failed 3 times: cannot handle #/);
  assert.equal(calls, 3, 'bounded retries');

  assert.deepEqual(await h.run(testEvent('dtmf', { digit: '1', durationMs: 80, sequence: 3 })), []);
  assert.equal(calls, 4);
});

test('an envelope without ids or payload is rejected as INVALID_EVENT', async () => {
  const h = new ProcessorHarness(counter);
  const ev = audio(0);
  const noTenant = await h.run({ ...ev, tenantId: '' });
  assert.ok(noTenant[0]?.topic === 'dlq');
  assert.equal(noTenant[0].deadLetter.errorCode, 'INVALID_EVENT');
  assert.match(noTenant[0].deadLetter.reason, /tenant_id/);
  const keyMismatch = await h.runRaw('sb.audio', 'other-key', encodeEnvelope(ev));
  assert.ok(keyMismatch[0]?.topic === 'dlq');
  assert.match(keyMismatch[0].deadLetter.reason, /key differs/);
});
