import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, EndReason } from '@switchboard/contracts';
import { mediaFormatOf } from '../../src/call/media-format';
import { ActionRelay, splitFirstSentence } from '../../src/control/action-relay';
import type { SpeechRequest, SpeechSynthesizer } from '../../src/tts/speech-synthesizer';

const format = mediaFormatOf(Codec.CODEC_PCMA, 8000);

void test('say and ask become audio in the call format; a fixed prompt carries its cache key, free text none', async () => {
  const requests: SpeechRequest[] = [];
  const fixed: SpeechSynthesizer = { name: 'fixed', synthesize: (r) => { requests.push(r); return Promise.resolve(Buffer.alloc(160 * 12, 1)); } };
  const relay = new ActionRelay(fixed);
  const say = await relay.relay({ actionId: 'a1', say: { text: 'Hello', language: 'en', bargeInAllowed: false, promptId: 'greeting:en' } }, format);
  assert.deepEqual(say && 'audio' in say ? [say.kind, say.actionId, say.audio.length, say.bargeInAllowed] : undefined, ['say', 'a1', 1920, false]);
  const ask = await relay.relay({ actionId: 'a2', ask: { text: 'Your order number?', language: 'en', slot: 'order_number' } }, format);
  assert.deepEqual(ask && 'audio' in ask ? [ask.kind, ask.bargeInAllowed] : undefined, ['ask', true], 'a question may always be answered over');
  assert.deepEqual(requests.map((r) => [r.codec, r.sampleRateHz, r.cacheKey]), [[Codec.CODEC_PCMA, 8000, 'greeting:en'], [Codec.CODEC_PCMA, 8000, undefined]]);
});

void test('a transfer and a hang-up end the bot part of the call, with their reasons', async () => {
  const relay = new ActionRelay({ name: 'none', synthesize: () => Promise.reject(new Error('not called')) });
  const transfer = await relay.relay({ actionId: 't', transferToHuman: { queue: 'support', reason: 'emotion', summary: 'angry', slots: { order_number: 'SB1' } } }, format);
  assert.ok(transfer && 'ends' in transfer);
  assert.deepEqual(transfer.message.transfer, { actionId: 't', queue: 'support', summary: 'angry', context: { order_number: 'SB1' } });
  assert.deepEqual(transfer.ends, { reason: EndReason.END_REASON_TRANSFERRED, detail: 'to support' });
  const hangUp = await relay.relay({ actionId: 'h', hangUp: { reason: 'goodbye' } }, format);
  assert.ok(hangUp && 'ends' in hangUp);
  assert.deepEqual(hangUp.ends, { reason: EndReason.END_REASON_BOT_HANGUP, detail: 'goodbye' });
});

void test('actions that are not for the media side relay nothing', async () => {
  const relay = new ActionRelay({ name: 'none', synthesize: () => Promise.reject(new Error('not called')) });
  assert.equal(await relay.relay({ actionId: 'x', updateCrm: { customerRef: 'c', fields: {} } }, format), undefined);
  assert.equal(await relay.relay({ actionId: 'y' }, format), undefined);
});

void test('free text of several sentences: the first sentence is made first, the rest after it; one sentence and fixed prompts stay whole', async () => {
  const texts: string[] = [];
  const synth: SpeechSynthesizer = { name: 'count', synthesize: (r) => { texts.push(r.text); return Promise.resolve(Buffer.alloc(160 * r.text.length, 1)); } };
  const relay = new ActionRelay(synth);
  const ask = await relay.relay({ actionId: 'a', ask: { text: 'Sure, I can check that. What is your order number?', language: 'en', slot: 'order_number' } }, format);
  assert.ok(ask && 'audio' in ask && ask.rest !== undefined);
  assert.equal(ask.audio.length, 160 * 'Sure, I can check that.'.length);
  assert.equal((await ask.rest).length, 160 * 'What is your order number?'.length);
  assert.deepEqual(texts, ['Sure, I can check that.', 'What is your order number?']);
  const one = await relay.relay({ actionId: 'b', say: { text: 'Thank you for calling.', language: 'en', bargeInAllowed: true, promptId: '' } }, format);
  assert.ok(one && 'audio' in one && one.rest === undefined);
  const fixed = await relay.relay({ actionId: 'c', say: { text: 'Hello. How can I help?', language: 'en', bargeInAllowed: true, promptId: 'greeting:en' } }, format);
  assert.ok(fixed && 'audio' in fixed && fixed.rest === undefined, 'a cached prompt is made whole');
});

void test('sentence ends: . ! ? before a space, and 。！？ in Chinese; a number like 2.5 or a last full stop does not split', () => {
  assert.deepEqual(splitFirstSentence('好的。请问您的订单号是多少？'), ['好的。', '请问您的订单号是多少？']);
  assert.deepEqual(splitFirstSentence('Sorry! Could you say it again?'), ['Sorry!', 'Could you say it again?']);
  assert.equal(splitFirstSentence('It costs 2.5 dollars.'), undefined);
  assert.equal(splitFirstSentence('Goodbye.'), undefined);
  assert.equal(splitFirstSentence('您好'), undefined);
});
