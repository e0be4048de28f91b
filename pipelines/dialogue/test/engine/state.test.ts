import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, EndReason, type Action, type Envelope } from '@switchboard/contracts';
import { initialDialogueState, restoreDialogueState, step, type DialogueState } from '../../src';
import { Conversation, ecommerce, SHIPPED } from '../support/conversation';

/** A whole call touching every kind of wait: questions, a confirmation, a ticket, a lookup, emotions. */
function script(): Envelope[] {
  const c = new Conversation();
  const call = c.event('callStarted', { callId: 'call-1', callerNumber: '', calleeNumber: '', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'test', attributes: { language: 'en' } });
  return [
    call, // ev-1
    c.intentEvent('refund_request', { utterance: 'u-a' }), // ev-2
    c.emotionEvent('angry', 'u-a'), // ev-3
    c.intentEvent('out_of_scope', { utterance: 'u-b', outOfScope: true, slots: { order_number: 'A1001' } }), // ev-4
    c.intentEvent('delivery_problem', { utterance: 'u-c' }), // ev-5
    c.intentEvent('affirm', { utterance: 'u-d' }), // ev-6: the ticket, ev-6:0
    c.resultEvent('ev-6:0', { ticket_number: 'T-1' }), // ev-7
    c.intentEvent('affirm', { utterance: 'u-e' }), // ev-8
    c.intentEvent('order_status', { utterance: 'u-f' }), // ev-9: the lookup, ev-9:0
    c.emotionEvent('neutral', 'u-f'), // ev-10
    c.resultEvent('ev-9:0', SHIPPED), // ev-11
    c.intentEvent('deny', { utterance: 'u-g' }), // ev-12
    c.event('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 1, audioFrames: 0, dtmfDigits: 0 }), // ev-13
  ];
}

function runAll(events: readonly Envelope[], from: DialogueState = initialDialogueState()): { state: DialogueState; actions: Action[] } {
  let state = from;
  const actions: Action[] = [];
  for (const e of events) {
    const r = step(state, e, ecommerce, e.occurredAtMs);
    state = r.state;
    actions.push(...r.actions);
  }
  return { state, actions };
}

test('the script is a real call: ticket and lookup ids are the ones it answers', () => {
  const { state, actions } = runAll(script());
  assert.equal(actions.find((a) => a.createTicket)?.actionId, 'ev-6:0');
  assert.equal(actions.find((a) => a.lookup)?.actionId, 'ev-9:0');
  assert.equal(actions.at(-1)?.hangUp?.reason, 'completed');
  assert.equal(state.mode, 'ended');
});

test('a state serialized to JSON and parsed back mid-call resumes identically, at every point of the call', () => {
  const events = script();
  const whole = runAll(events);
  for (let cut = 0; cut <= events.length; cut++) {
    const first = runAll(events.slice(0, cut));
    const saved = JSON.stringify(first.state);
    assert.ok(saved.length < 1024, `state stays small (${saved.length} bytes at event ${cut})`);
    const resumed = runAll(events.slice(cut), restoreDialogueState(JSON.parse(saved)));
    assert.deepEqual([...first.actions, ...resumed.actions], whole.actions, `resumed after event ${cut}`);
    assert.deepEqual(resumed.state, whole.state);
  }
});

test('a replayed event yields identical actions, and step never changes the state it is given', () => {
  const events = script();
  const before = runAll(events.slice(0, 5)).state;
  const snapshot = JSON.stringify(before);
  const a = step(before, events[5]!, ecommerce, events[5]!.occurredAtMs);
  const b = step(before, events[5]!, ecommerce, events[5]!.occurredAtMs);
  assert.deepEqual(a, b);
  assert.equal(JSON.stringify(before), snapshot);
  assert.notEqual(a.state, before);
});

test('restore refuses a state it did not write, naming the field but not the value', () => {
  const good = runAll(script().slice(0, 4)).state;
  const json = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
  assert.throws(() => restoreDialogueState({ ...json, v: 2 }), /version is not 1/);
  assert.throws(() => restoreDialogueState({ ...json, mode: 'dancing' }), /field mode is invalid/);
  assert.throws(() => restoreDialogueState({ ...json, step: -1 }), /field step is not a count/);
  assert.throws(() => restoreDialogueState({ ...json, slots: { order_number: 7 } }), /field slots holds a non-string/);
  assert.throws(() => restoreDialogueState({ ...json, slots: JSON.parse('{"__proto__":"x"}') as unknown }), /field slots holds an invalid key/);
  assert.throws(() => restoreDialogueState({ ...json, moods: [{ utterance: 'u' }] }), /field moods holds an invalid item/);
  assert.throws(() => restoreDialogueState(null), /not an object/);
  assert.throws(() => restoreDialogueState({ ...json, slots: { order_number: 12345 } }), (err: unknown) => err instanceof Error && !err.message.includes('12345'));
  assert.deepEqual(restoreDialogueState(json), good);
});
