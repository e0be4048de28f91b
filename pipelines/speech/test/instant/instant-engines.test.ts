import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSwitchboardError } from '@switchboard/runtime';
import { InstantRecognizer, InstantSynthesizer, tone } from '../../src/index';
import { durationMs, rms } from '../helpers/audio';

void test('the instant recognizer returns its script in turn, with even word timings over the audio', async () => {
  const recognizer = new InstantRecognizer({ script: ['check my order', '我要查订单'] });
  const audio = { samples: tone(200, 8000, 12000), sampleRateHz: 8000 }; // 1.5 s
  const first = await recognizer.recognize(audio, 'en');
  assert.equal(first.text, 'check my order');
  assert.deepEqual(first.words.map((w) => [w.word, w.startMs, w.endMs]), [['check', 0, 500], ['my', 500, 1000], ['order', 1000, 1500]]);
  assert.equal((await recognizer.recognize(audio, 'zh')).text, '我要查订单');
  const after = await recognizer.recognize(audio, 'en');
  assert.equal(after.text, '');
  assert.equal(after.confidence, 0);
  assert.equal(recognizer.calls, 3);
});

void test('a script function sees the audio, the language and the call index', async () => {
  const recognizer = new InstantRecognizer({ script: (audio, language, i) => `${language} ${audio.samples.length} ${i}` });
  const r = await recognizer.recognize({ samples: new Int16Array(80), sampleRateHz: 8000 }, 'zh');
  assert.equal(r.text, 'zh 80 0');
});

void test('the instant synthesizer gives a tone whose length grows with the text', async () => {
  const synth = new InstantSynthesizer({ msPerCharacter: 50 });
  const short = await synth.synthesize({ text: 'Hi.', language: 'en', sampleRateHz: 8000 });
  const long = await synth.synthesize({ text: 'Hi. How can I help you today?', language: 'en', sampleRateHz: 8000 });
  assert.equal(durationMs(short), 150);
  assert.equal(durationMs(long), 50 * 29);
  assert.ok(rms(long.samples) > 1000, 'audible');
  const zh = await synth.synthesize({ text: '您好', language: 'zh', sampleRateHz: 16000 });
  assert.equal(zh.samples.length, 2 * 50 * 16);
  await assert.rejects(synth.synthesize({ text: 'x', language: 'fr', sampleRateHz: 8000 }), (err) => isSwitchboardError(err, 'INVALID_ARGUMENT'));
  assert.equal(synth.calls, 3);
});
