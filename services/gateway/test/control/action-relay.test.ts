import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, EndReason } from '@switchboard/contracts';
import { mediaFormatOf } from '../../src/call/media-format';
import { ActionRelay } from '../../src/control/action-relay';
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
