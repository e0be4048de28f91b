import assert from 'node:assert/strict';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { isSwitchboardError } from '@switchboard/runtime';
import { decodeL16, encodeL16, tone, WorkerSpeechRecognizer, WorkerSpeechSynthesizer, type SpeechWorker } from '../../src/index';
import { READY_HEALTH, startFakeWorker } from '../helpers/fake-worker';

void test('recognizer sends L16 at the audio rate and maps the answer', async (t) => {
  const audio = { samples: tone(300, 8000, 1600), sampleRateHz: 8000 };
  const client = await startFakeWorker(t, {
    recognize: (call, callback) => {
      assert.deepEqual(decodeL16(call.request.pcm16le), audio.samples);
      assert.equal(call.request.sampleRateHz, 8000);
      assert.equal(call.request.language, 'en');
      callback(null, { text: 'hello there', language: 'en', confidence: 0.8, processingMs: 5, words: [
        { word: 'hello', startMs: 0, endMs: 90, confidence: 0.75 },
        { word: 'there', startMs: 100, endMs: 190, confidence: 0.5 },
      ] });
    },
  });
  const recognizer = new WorkerSpeechRecognizer(client, ['en']);
  const r = await recognizer.recognize(audio, 'en');
  assert.equal(r.text, 'hello there');
  assert.equal(r.words.length, 2);
  assert.deepEqual(r.words[1], { word: 'there', startMs: 100, endMs: 190, confidence: 0.5 });
  assert.ok(Math.abs(r.confidence - 0.8) < 1e-6);
});

void test('a worker that does not answer in time fails with DEADLINE_EXCEEDED naming the deadline', async (t) => {
  const client = await startFakeWorker(t, {
    recognize: () => undefined, // never answers; the server is shut down when the test ends
  });
  const recognizer = new WorkerSpeechRecognizer(client, ['en'], { timeoutMs: 150 });
  await assert.rejects(recognizer.recognize({ samples: tone(300, 8000, 800), sampleRateHz: 8000 }, 'en'),
    (err) => isSwitchboardError(err, 'DEADLINE_EXCEEDED') && err.message.includes('no answer within 150 ms'));
});

void test('worker statuses map to error codes and keep the worker\'s reason', async (t) => {
  const client = await startFakeWorker(t, {
    synthesize: (_call, callback) => { callback({ code: status.FAILED_PRECONDITION, details: 'piper is unavailable: model file missing: /x/voice.onnx' }); },
    recognize: (_call, callback) => { callback({ code: status.INTERNAL, details: 'Recognize failed: ValueError' }); },
  });
  const synth = new WorkerSpeechSynthesizer(client, ['en']);
  await assert.rejects(synth.synthesize({ text: 'hi', language: 'en', sampleRateHz: 8000 }),
    (err) => isSwitchboardError(err, 'FAILED_PRECONDITION') && err.message.includes('/x/voice.onnx'));
  const rec = new WorkerSpeechRecognizer(client, ['en']);
  await assert.rejects(rec.recognize({ samples: tone(1, 8000, 10), sampleRateHz: 8000 }, 'en'),
    (err) => isSwitchboardError(err, 'UNAVAILABLE') && err.message.includes('ValueError'));
});

void test('synthesizer decodes the PCM and refuses an answer at another rate', async (t) => {
  const pcm = tone(500, 8000, 4000);
  let rate = 8000;
  const client = await startFakeWorker(t, {
    synthesize: (_call, callback) => { callback(null, { pcm16le: encodeL16(pcm), sampleRateHz: rate, processingMs: 1 }); },
  });
  const synth = new WorkerSpeechSynthesizer(client, ['en']);
  const audio = await synth.synthesize({ text: 'one two', language: 'en', sampleRateHz: 8000 });
  assert.deepEqual(audio.samples, pcm);
  rate = 16000;
  await assert.rejects(synth.synthesize({ text: 'one two', language: 'en', sampleRateHz: 8000 }), (err) => isSwitchboardError(err, 'UNAVAILABLE'));
});

void test('adapters refuse before calling: other language, bad rate, empty text, after close', async (t) => {
  let calls = 0;
  const client = await startFakeWorker(t, {
    synthesize: (_call, callback) => { calls++; callback({ code: status.INTERNAL }); },
    recognize: (_call, callback) => { calls++; callback({ code: status.INTERNAL }); },
  });
  const synth = new WorkerSpeechSynthesizer(client, ['en']);
  const rec = new WorkerSpeechRecognizer(client, ['en']);
  const invalid = (err: unknown): boolean => isSwitchboardError(err, 'INVALID_ARGUMENT');
  await assert.rejects(synth.synthesize({ text: '你好', language: 'zh', sampleRateHz: 8000 }), invalid);
  await assert.rejects(synth.synthesize({ text: 'hi', language: 'en', sampleRateHz: 100 }), invalid);
  await assert.rejects(synth.synthesize({ text: '  ', language: 'en', sampleRateHz: 8000 }), invalid);
  await assert.rejects(rec.recognize({ samples: new Int16Array(10), sampleRateHz: 8000 }, 'zh'), invalid);
  await rec.close();
  await assert.rejects(rec.recognize({ samples: new Int16Array(10), sampleRateHz: 8000 }, 'en'), (err) => isSwitchboardError(err, 'FAILED_PRECONDITION'));
  assert.equal(calls, 0);
});

void test('fromWorker takes the languages the worker reports, or names why the engine is absent', async (t) => {
  const client = await startFakeWorker(t, {});
  const health = await client.health(true, 5000);
  assert.deepEqual(health, READY_HEALTH);
  const missing = 'model file missing: /cache/models/whisper-base/model.bin';
  const worker: SpeechWorker = {
    address: client.address, pid: 0, client, startupMs: 0, exited: new Promise(() => undefined),
    engines: [{ ...READY_HEALTH.engines[0]!, available: false, message: missing }, READY_HEALTH.engines[1]!],
    engine(name) { return this.engines.find((e) => e.name === name); },
    close: () => Promise.resolve(),
  };
  assert.throws(() => WorkerSpeechRecognizer.fromWorker(worker), (err) => isSwitchboardError(err, 'FAILED_PRECONDITION') && err.message.includes('whisper-base/model.bin'));
  assert.deepEqual([...WorkerSpeechSynthesizer.fromWorker(worker).languages], ['en']);
});
