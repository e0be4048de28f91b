// The real worker: Piper speaks, the audio crosses a G.711 µ-law channel, Whisper reads it back.
// Also prints the figures the engines are chosen by (start-up, real-time factor, latency).
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { decodeMuLaw, encodeMuLaw, startSpeechWorker, WorkerSpeechRecognizer, WorkerSpeechSynthesizer, type Pcm16Audio } from '../../src/index';
import { durationMs, voicedShare } from '../helpers/audio';
import { captureLogs } from '../helpers/log-capture';

const ORDER = 'I would like to check the status of my order';
const LONGER = 'I would like to check the status of my order. It was placed last Tuesday and it has not arrived yet.';
const LONGEST = `${LONGER} I need it for my daughter's birthday party on Saturday, and I have already called twice this week about it without getting any answer from anyone, so please tell me where the parcel is now and when exactly it will be delivered to my house.`;

/** What a caller's phone line does to the audio: 8 kHz µ-law there and back. */
function throughTelephone(audio: Pcm16Audio): Pcm16Audio {
  assert.equal(audio.sampleRateHz, 8000);
  return { samples: decodeMuLaw(encodeMuLaw(audio.samples)), sampleRateHz: 8000 };
}

void test('speech worker: Piper → µ-law → Whisper', async (t) => {
  const logs = captureLogs();
  const worker = await startSpeechWorker({ logger: logs.logger });
  t.after(() => worker.close());
  t.diagnostic(`worker start-up (spawn → models loaded → ready): ${Math.round(worker.startupMs)} ms`);
  assert.deepEqual(worker.engines.map((e) => [e.name, e.available]), [['faster-whisper', true], ['piper', true]]);
  const synth = WorkerSpeechSynthesizer.fromWorker(worker);
  const recognizer = WorkerSpeechRecognizer.fromWorker(worker);

  let order: Pcm16Audio | undefined;
  await t.test('Piper speaks an English sentence at 8 kHz', async (t) => {
    let started = performance.now();
    order = await synth.synthesize({ text: ORDER, language: 'en', sampleRateHz: 8000 });
    const firstMs = performance.now() - started;
    started = performance.now();
    await synth.synthesize({ text: 'Thank you.', language: 'en', sampleRateHz: 8000 });
    t.diagnostic(`Piper latency: ${Math.round(firstMs)} ms for a ${Math.round(durationMs(order))} ms sentence (first call); ` +
      `${Math.round(performance.now() - started)} ms for "Thank you."`);
    assert.equal(order.sampleRateHz, 8000);
    // Ten words at a natural pace: 1.5..6 s, mostly voiced.
    assert.ok(durationMs(order) > 1500 && durationMs(order) < 6000, `duration ${durationMs(order)} ms`);
    assert.ok(voicedShare(order) > 0.5, `voiced share ${voicedShare(order)}`);
  });

  await t.test('Whisper reads it back through a µ-law line, with ordered word timings inside the audio', async (t) => {
    assert.ok(order !== undefined, 'needs the synthesized sentence');
    const audio = throughTelephone(order);
    const started = performance.now();
    const r = await recognizer.recognize(audio, 'en');
    const tookMs = performance.now() - started;
    t.diagnostic(`recognition: ${Math.round(tookMs)} ms for ${Math.round(durationMs(audio))} ms of audio (RTF ${(tookMs / durationMs(audio)).toFixed(2)})`);
    const text = r.text.toLowerCase();
    for (const key of ['check', 'status', 'order']) assert.ok(text.includes(key), `"${key}" recognized`);
    assert.equal(r.language, 'en');
    assert.ok(r.confidence > 0.5, `confidence ${r.confidence}`);
    assert.ok(r.words.length >= 8, `${r.words.length} words`);
    const audioMs = durationMs(audio);
    let previousStart = 0;
    for (const w of r.words) {
      assert.ok(w.startMs >= previousStart, 'starts never go back');
      assert.ok(w.endMs >= w.startMs, 'each word ends after it starts');
      assert.ok(w.endMs <= audioMs, 'inside the audio');
      assert.ok(w.confidence >= 0 && w.confidence <= 1);
      previousStart = w.startMs;
    }
    // The timings follow the speech instead of piling up at one end.
    assert.ok(r.words[0]!.startMs < 1000 && r.words.at(-1)!.endMs > audioMs / 2);
    assert.ok(r.words.some((w) => w.word.toLowerCase().startsWith('status')));
  });

  await t.test('a few seconds of speech: real-time factor', async (t) => {
    const audio = throughTelephone(await synth.synthesize({ text: LONGER, language: 'en', sampleRateHz: 8000 }));
    const started = performance.now();
    const r = await recognizer.recognize(audio, 'en');
    const tookMs = performance.now() - started;
    t.diagnostic(`recognition: ${Math.round(tookMs)} ms for ${Math.round(durationMs(audio))} ms of audio (RTF ${(tookMs / durationMs(audio)).toFixed(2)})`);
    const text = r.text.toLowerCase();
    for (const key of ['status', 'order', 'tuesday', 'arrived']) assert.ok(text.includes(key), `"${key}" recognized`);
  });

  await t.test('an utterance longer than the encoder window (SPEECH_WHISPER_MIN_WINDOW_MS) is read whole, beginning to end', async (t) => {
    const audio = throughTelephone(await synth.synthesize({ text: LONGEST, language: 'en', sampleRateHz: 8000 }));
    assert.ok(durationMs(audio) > 15_000, `the sentence lasts ${Math.round(durationMs(audio))} ms, not beyond the 15 s window`);
    const r = await recognizer.recognize(audio, 'en');
    t.diagnostic(`recognition: ${Math.round(durationMs(audio))} ms of audio`);
    const text = r.text.toLowerCase();
    for (const key of ['status', 'tuesday', 'birthday', 'saturday', 'delivered']) assert.ok(text.includes(key), `"${key}" recognized`);
    assert.ok(r.words.at(-1)!.endMs > durationMs(audio) - 2000, 'the last word is timed near the end of the audio');
  });

  await t.test('the worker refuses a language Piper does not speak, naming what it serves', async () => {
    await assert.rejects(worker.client.synthesize({ text: '你好', language: 'zh', sampleRateHz: 8000 }, 5000),
      (err) => err instanceof Error && err.message.includes('INVALID_ARGUMENT') && err.message.includes('speaks only: en'));
  });

  await t.test('no log line holds the text', () => {
    assert.ok(logs.lines.some((l) => l.includes('"msg":"recognized"')), 'the worker logged its requests');
    for (const line of logs.lines) {
      for (const fragment of ['check the', 'status of', 'order', 'Tuesday', 'arrived', '你好']) {
        assert.ok(!line.includes(fragment), `a log line contains "${fragment}"`);
      }
    }
  });
});
