// The speech path on the in-memory bus: caller audio (espeak-ng speech, 8 kHz µ-law, 20 ms frames
// in chunks of 5) → the ASR cuts the utterance and recognises it (a scripted recognizer: the real
// engine is covered by the speech and end-to-end tests) → transcript with timings and prosody →
// intent → the dialogue's question.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec } from '@switchboard/contracts';
import { EspeakSynthesizer, encodeMuLaw, InstantRecognizer, type Pcm16Audio } from '@switchboard/speech';
import { callStartedPayload, startMemoryPlatform } from './support/memory-platform';

const FRAME_BYTES = 160;

function withSilence(audio: Pcm16Audio, beforeMs: number, afterMs: number): Int16Array {
  const rate = audio.sampleRateHz;
  const out = new Int16Array(Math.round(((beforeMs + afterMs) * rate) / 1000) + audio.samples.length);
  out.set(audio.samples, Math.round((beforeMs * rate) / 1000));
  return out;
}

test('caller speech becomes a transcript with word timings and prosody, then an intent and a reply', async (t) => {
  const speech = await new EspeakSynthesizer({ voice: 'en-us', languages: ['en'] }).synthesize({ text: 'Hello, where is my order?', language: 'en', sampleRateHz: 8000 });
  const recognizer = new InstantRecognizer({ script: ['hello where is my order'] });
  const platform = await startMemoryPlatform(recognizer);
  t.after(() => platform.stop());
  const { log, publish } = platform;

  await publish('call-a', 'callStarted', callStartedPayload('call-a', 'en'));
  const bytes = encodeMuLaw(withSilence(speech, 500, 1500));
  const frames = Math.floor(bytes.length / FRAME_BYTES);
  for (let f = 0; f < frames; f += 5) {
    const n = Math.min(5, frames - f);
    await publish('call-a', 'audio', {
      codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channels: 1, firstSequence: f + 1, frameCount: n, frameDurationMs: 20,
      payload: bytes.subarray(f * FRAME_BYTES, (f + n) * FRAME_BYTES),
    });
  }
  const transcript = (await log.waitFor('call-a', (e) => e.kind === 'transcript', 'a transcript')).envelope.transcript!;
  assert.equal(recognizer.calls, 1, 'one utterance cut from the audio');
  assert.equal(transcript.text, 'hello where is my order');
  assert.equal(transcript.isFinal, true);
  // The utterance starts after the 500 ms of leading silence and lasts about as long as the speech.
  const speechMs = (speech.samples.length * 1000) / speech.sampleRateHz;
  assert.ok(transcript.startMs >= 300 && transcript.startMs <= 700, `start ${transcript.startMs} ms`);
  assert.ok(Math.abs(transcript.endMs - transcript.startMs - speechMs) < 600, `utterance ${transcript.endMs - transcript.startMs} ms, speech ${Math.round(speechMs)} ms`);
  assert.equal(transcript.words.length, 5);
  assert.ok(transcript.prosody !== undefined && transcript.prosody.pitchMeanHz > 50, 'prosody measured on the utterance');

  const intent = await log.waitFor('call-a', (e) => e.kind === 'intent', 'an intent');
  assert.equal(intent.envelope.intent!.name, 'order_status');
  assert.equal(intent.envelope.intent!.utteranceId, transcript.utteranceId);
  await log.waitFor('call-a', (e) => e.envelope.action?.ask?.slot === 'order_number', 'the order number question');
});
