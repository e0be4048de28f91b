import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, EndReason, type Envelope } from '@switchboard/contracts';
import { createLogger, ProcessorHarness, testEvent, type HarnessOutput } from '@switchboard/runtime';
import { createDialogueProcessor } from '../src';
import { ecommerce, SHIPPED, SHIPPED_REPLY, text } from './support/conversation';

const started = (conversationId: string, language = 'en'): Envelope =>
  testEvent('callStarted', { callId: conversationId, callerNumber: '+15550100', calleeNumber: '+15550199', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'sip', attributes: { language } }, { conversationId, tenantId: 'shop-1' });
const intent = (conversationId: string, name: string, slots: Record<string, string> = {}): Envelope =>
  testEvent('intent', { utteranceId: '', name, confidence: 0.9, outOfScope: false, language: 'en', slots: Object.entries(slots).map(([n, value]) => ({ name: n, value, confidence: 1 })), alternatives: [] }, { conversationId, tenantId: 'shop-1' });
const result = (conversationId: string, actionId: string, output: Readonly<Record<string, string>>): Envelope =>
  testEvent('actionResult', { actionId, actionKind: 'lookup', success: true, failureReason: '', latencyMs: 30, output: { ...output } }, { conversationId, tenantId: 'shop-1' });
const ended = (conversationId: string): Envelope =>
  testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 30_000, audioFrames: 1500, dtmfDigits: 0 }, { conversationId, tenantId: 'shop-1' });

function actionsOf(out: readonly HarnessOutput[]): Envelope[] {
  return out.map((o) => {
    assert.equal(o.topic, 'actions', 'only actions are emitted (no dead letters)');
    return o.topic === 'actions' ? o.envelope : assert.fail('not an action');
  });
}

test('the processor declares its inputs and handles a whole call, per conversation, finishing on CallEnded', async () => {
  const lines: string[] = [];
  const processor = createDialogueProcessor(ecommerce);
  assert.equal(processor.name, 'dialogue');
  assert.deepEqual(processor.inputs, ['calls', 'intents', 'emotions', 'actionResults']);
  const h = new ProcessorHarness(processor, createLogger('test', 'debug', (l) => lines.push(l)));

  const greet = actionsOf(await h.run(started('c1'), started('c2', 'zh')));
  assert.deepEqual(greet.map((e) => [e.conversationId, e.action?.say?.text]), [['c1', text('greeting')], ['c2', text('greeting', 'zh')]]);
  assert.equal(greet[0]?.source, 'dialogue');
  assert.equal(greet[0]?.tenantId, 'shop-1');

  const [lookup] = actionsOf(await h.run(intent('c1', 'order_status', { order_number: 'A1001' })));
  assert.deepEqual(lookup?.action?.lookup?.params, { order_number: 'A1001' });
  assert.equal(h.stateOf('c1')?.pending, lookup?.action?.actionId);
  assert.equal(h.stateOf('c2')?.mode, 'listening', 'conversations keep their own state');

  const reply = actionsOf(await h.run(result('c1', lookup?.action?.actionId ?? '', SHIPPED)));
  assert.equal(`say: ${reply[0]?.action?.say?.text ?? ''}`, SHIPPED_REPLY);

  assert.deepEqual(actionsOf(await h.run(ended('c1'))), []);
  assert.equal(h.stateOf('c1'), undefined, 'state dropped after CallEnded');
  assert.notEqual(h.stateOf('c2'), undefined);

  const logged = lines.join('\n');
  assert.match(logged, /dialogue step/);
  assert.doesNotMatch(logged, /A1001|DHL|shipped|2026-11-28/, 'slot values and outputs never reach the log');
});

test('a redelivered event is skipped; the same event in a fresh instance re-emits the same ids', async () => {
  const events = [started('c1'), intent('c1', 'order_status', { order_number: 'A1' })];
  const a = new ProcessorHarness(createDialogueProcessor(ecommerce));
  const first = actionsOf(await a.run(...events));
  assert.deepEqual(await a.run(events[1]!), [], 'duplicate event id skipped');
  const b = new ProcessorHarness(createDialogueProcessor(ecommerce));
  const again = actionsOf(await b.run(...events));
  assert.deepEqual(again.map((e) => [e.eventId, e.action?.actionId]), first.map((e) => [e.eventId, e.action?.actionId]));
});

test('a restarted processor resumes a live call from its checkpoint', async () => {
  const h = new ProcessorHarness(createDialogueProcessor(ecommerce));
  await h.run(started('c1'));
  const [ask] = actionsOf(await h.run(intent('c1', 'refund_request')));
  assert.equal(ask?.action?.ask?.slot, 'order_number');

  const restarted = await h.restartFromCheckpoints();
  assert.equal(restarted.stateOf('c1')?.flow, 'refund');
  const next = actionsOf(await restarted.run(intent('c1', 'out_of_scope', { order_number: 'A1001' })));
  assert.equal(next[0]?.action?.ask?.slot, 'refund_reason', 'the call goes on at the next question, not from the start');
});

test('options: a default language for calls without one, and per-tenant emotion thresholds', async () => {
  const h = new ProcessorHarness(createDialogueProcessor(ecommerce, { defaultLanguage: 'zh', emotionByTenant: { 'shop-1': { handoffAfter: 1 } } }));
  const [greeting] = actionsOf(await h.run(testEvent('callStarted', { callId: 'c9', callerNumber: '', calleeNumber: '', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'sip', attributes: {} }, { conversationId: 'c9', tenantId: 'shop-1' })));
  assert.equal(greeting?.action?.say?.language, 'zh');
  const emotion = testEvent('emotion', { utteranceId: 'u1', label: 'angry', valence: -0.9, arousal: 0.9, prosody: undefined, textSentiment: -0.8 }, { conversationId: 'c9', tenantId: 'shop-1' });
  const out = actionsOf(await h.run(emotion));
  assert.equal(out.at(-1)?.action?.transferToHuman?.reason, 'sustained_negative_emotion');
  assert.throws(() => createDialogueProcessor(ecommerce, { defaultLanguage: 'fr' }), /defaultLanguage must be one of the pack's languages \(en, zh\)/);
  assert.throws(() => createDialogueProcessor(ecommerce, { emotionByTenant: { t: { handoffAfter: 5 } } }), /tenant t: handoffAfter must be a whole number from 1 to window/);
});
