import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { NoAudioPlaceholderSynthesizer, type SpeechSynthesizer } from '../../src/tts/speech-synthesizer';

void test('the placeholder returns no audio, whatever the text', async () => {
  const s: SpeechSynthesizer = new NoAudioPlaceholderSynthesizer();
  assert.equal(s.name, 'no-audio-placeholder');
  const audio = await s.synthesize({ text: 'Hello', language: 'en', codec: Codec.CODEC_PCMU, sampleRateHz: 8000 });
  assert.equal(audio.length, 0);
});
