// The whole call pipeline on the in-memory bus: real pack, NLU, emotion, dialogue and actions
// (orders from the pack's file), the dialogue's actions reaching the live call through the
// control plane. Transcripts come in by the text path here; the ASR's own path is tested below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@switchboard/contracts';
import { InstantRecognizer } from '@switchboard/speech';
import { callStartedPayload, startMemoryPlatform, transcriptPayload } from './support/memory-platform';

test('order status over several turns: greeting, ask, lookup, the status read back; actions reach the call', async (t) => {
  const platform = await startMemoryPlatform(new InstantRecognizer());
  t.after(() => platform.stop());
  const live: Envelope[] = [];
  platform.control.subscribeToCall('call-1', (env) => live.push(env));
  const { log, publish } = platform;

  await publish('call-1', 'callStarted', callStartedPayload('call-1', 'en'));
  const greeting = await log.waitFor('call-1', (e) => e.envelope.action?.say !== undefined, 'a greeting');
  assert.match(greeting.envelope.action!.say!.text, /help/i);

  await publish('call-1', 'transcript', transcriptPayload('u1', 'hi where is my order', 'en'));
  const intent = await log.waitFor('call-1', (e) => e.envelope.intent?.utteranceId === 'u1', 'the first intent');
  assert.equal(intent.envelope.intent!.name, 'order_status');
  const emotion = await log.waitFor('call-1', (e) => e.envelope.emotion?.utteranceId === 'u1', 'the first emotion');
  assert.equal(emotion.envelope.emotion!.label, 'neutral');
  const ask = await log.waitFor('call-1', (e) => e.envelope.action?.ask?.slot === 'order_number', 'the order number question');
  assert.match(ask.envelope.action!.ask!.text, /order number/i);

  await publish('call-1', 'transcript', transcriptPayload('u2', 'it is two zero two six zero two three one', 'en', 4000));
  const slots = await log.waitFor('call-1', (e) => e.envelope.intent?.utteranceId === 'u2', 'the second intent');
  assert.deepEqual(slots.envelope.intent!.slots.map((s) => `${s.name}=${s.value}`), ['order_number=SB20260231']);
  const lookup = await log.waitFor('call-1', (e) => e.envelope.action?.lookup !== undefined, 'the order lookup');
  const result = await log.waitFor('call-1', (e) => e.envelope.actionResult?.actionId === lookup.envelope.action!.actionId, 'the lookup result');
  assert.equal(result.envelope.actionResult!.success, true);
  assert.equal(result.envelope.actionResult!.output.status, 'shipped');
  const reply = await log.waitFor('call-1', (e) => /shipped/.test(e.envelope.action?.say?.text ?? ''), 'the status read back');
  assert.match(reply.envelope.action!.say!.text, /SB20260231/);

  // Every say/ask went to the live call too, in order; lookups do not.
  const spoken = log.events('call-1').filter((e) => e.envelope.action?.say ?? e.envelope.action?.ask).map((e) => e.envelope.action!.actionId);
  const relayed = live.filter((e) => e.action?.say ?? e.action?.ask).map((e) => e.action!.actionId);
  assert.deepEqual(relayed.slice(0, spoken.length), spoken);
  assert.ok(!live.some((e) => e.action?.lookup), 'a lookup is for the actions processor, not the call');
});

test('an angry caller is soothed, then handed to a human with the filled slots', async (t) => {
  const platform = await startMemoryPlatform(new InstantRecognizer());
  t.after(() => platform.stop());
  const { log, publish } = platform;
  await publish('call-2', 'callStarted', callStartedPayload('call-2', 'en'));
  await log.waitFor('call-2', (e) => e.envelope.action?.say !== undefined, 'a greeting');
  const angry = [
    'my order two zero two six zero two three three is late again this is ridiculous',
    'this is absolutely terrible i am furious nobody ever helps me',
    'i am sick of this useless awful service',
  ];
  for (const [i, text] of angry.entries()) await publish('call-2', 'transcript', transcriptPayload(`a${i}`, text, 'en', i * 5000));
  const transfer = await log.waitFor('call-2', (e) => e.envelope.action?.transferToHuman !== undefined, 'a hand-off');
  const negatives = log.events('call-2').filter((e) => e.envelope.emotion && ['angry', 'frustrated'].includes(e.envelope.emotion.label));
  assert.ok(negatives.length >= 2, `negative emotions before the hand-off: ${negatives.length}`);
  assert.equal(transfer.envelope.action!.transferToHuman!.slots.order_number, 'SB20260233');
  assert.notEqual(transfer.envelope.action!.transferToHuman!.summary, '');
});

test('Chinese calls run the same processors: 订单 status by the text path', async (t) => {
  const platform = await startMemoryPlatform(new InstantRecognizer());
  t.after(() => platform.stop());
  const { log, publish } = platform;
  await publish('call-3', 'callStarted', callStartedPayload('call-3', 'zh'));
  const greeting = await log.waitFor('call-3', (e) => e.envelope.action?.say !== undefined, 'a greeting');
  assert.equal(greeting.envelope.action!.say!.language, 'zh');
  await publish('call-3', 'transcript', transcriptPayload('z1', '我想查一下订单二零二六零二三一到哪了', 'zh'));
  const intent = await log.waitFor('call-3', (e) => e.envelope.intent?.utteranceId === 'z1', 'the intent');
  assert.equal(intent.envelope.intent!.name, 'order_status');
  assert.deepEqual(intent.envelope.intent!.slots.map((s) => s.value), ['SB20260231']);
  const reply = await log.waitFor('call-3', (e) => /已发货/.test(e.envelope.action?.say?.text ?? ''), 'the status in Chinese');
  assert.equal(reply.envelope.action!.say!.language, 'zh');
});
