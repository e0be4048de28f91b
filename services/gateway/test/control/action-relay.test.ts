import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { mediaFormatOf } from '../../src/call/media-format';
import { ActionRelay } from '../../src/control/action-relay';
import type { SpeechSynthesizer } from '../../src/tts/speech-synthesizer';

const format = mediaFormatOf(Codec.CODEC_PCMA, 8000);

void test('synthesized audio is split into PlayAudio chunks of up to 1 s, the last one flagged', async () => {
  const fixed: SpeechSynthesizer = { name: 'fixed', synthesize: () => Promise.resolve(Buffer.alloc(160 * 120, 1)) };
  const relay = await new ActionRelay(fixed).relay({ actionId: 'a1', say: { text: 't', language: 'en', bargeInAllowed: false, promptId: '' } }, format);
  assert.ok(relay);
  assert.equal(relay.kind, 'say');
  assert.equal(relay.endsCall, false);
  assert.deepEqual(relay.messages.map((m) => [m.play?.chunkIndex, m.play?.audio.length, m.play?.last, m.play?.codec]), [
    [0, 8000, false, Codec.CODEC_PCMA], [1, 8000, false, Codec.CODEC_PCMA], [2, 3200, true, Codec.CODEC_PCMA],
  ]);
});

void test('actions that are not for the media side relay nothing', async () => {
  const relay = new ActionRelay({ name: 'none', synthesize: () => Promise.reject(new Error('not called')) });
  assert.equal(await relay.relay({ actionId: 'x', updateCrm: { customerRef: 'c', fields: {} } }, format), undefined);
  assert.equal(await relay.relay({ actionId: 'y' }, format), undefined);
});
