// Starting and stopping the worker, and what happens when setup was not done or a model is absent.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSwitchboardError } from '@switchboard/runtime';
import { SpeechWorkerClient, speechPaths, startSpeechWorker, tone, WorkerSpeechRecognizer, WorkerSpeechSynthesizer } from '../../src/index';
import { loadSpeechConfig } from '../../src/config';
import { durationMs } from '../helpers/audio';
import { captureLogs } from '../helpers/log-capture';

void test('without setup the start fails at once, naming what is missing and the setup command', async (t) => {
  const empty = mkdtempSync(join(tmpdir(), 'sb-speech-'));
  t.after(() => { rmSync(empty, { recursive: true, force: true }); });
  await assert.rejects(startSpeechWorker({ cacheDir: empty }), (err) =>
    isSwitchboardError(err, 'FAILED_PRECONDITION') &&
    err.message.includes(join(empty, 'venv', 'bin', 'python')) &&
    err.message.includes('bash pipelines/speech/scripts/setup-speech.sh'));
});

void test('a missing Whisper model makes only that engine unavailable, naming the file', async (t) => {
  const nowhere = mkdtempSync(join(tmpdir(), 'sb-whisper-'));
  t.after(() => { rmSync(nowhere, { recursive: true, force: true }); });
  const logs = captureLogs();
  const worker = await startSpeechWorker({ whisperDir: nowhere, logger: logs.logger });
  t.after(() => worker.close());

  const whisper = worker.engine('faster-whisper');
  assert.equal(whisper?.available, false);
  assert.ok(whisper.message.includes(join(nowhere, 'model.bin')), whisper.message);
  assert.equal(worker.engine('piper')?.available, true);
  assert.ok(logs.lines.some((l) => l.includes('engine unavailable') && l.includes('faster-whisper')));

  assert.throws(() => WorkerSpeechRecognizer.fromWorker(worker), (err) => isSwitchboardError(err, 'FAILED_PRECONDITION') && err.message.includes('model.bin'));
  // Asked anyway, the worker answers FAILED_PRECONDITION with the same file name.
  const direct = new WorkerSpeechRecognizer(worker.client, ['en']);
  await assert.rejects(direct.recognize({ samples: tone(300, 8000, 8000), sampleRateHz: 8000 }, 'en'),
    (err) => isSwitchboardError(err, 'FAILED_PRECONDITION') && err.message.includes(join(nowhere, 'model.bin')));
  // Piper keeps serving.
  const audio = await WorkerSpeechSynthesizer.fromWorker(worker).synthesize({ text: 'Please hold.', language: 'en', sampleRateHz: 8000 });
  assert.ok(durationMs(audio) > 300);
});

void test('close stops the process (once, even when called twice) and later calls fail as unavailable', async (t) => {
  // A missing voice too: this start loads no model at all.
  const nowhere = mkdtempSync(join(tmpdir(), 'sb-nomodels-'));
  t.after(() => { rmSync(nowhere, { recursive: true, force: true }); });
  const worker = await startSpeechWorker({ whisperDir: nowhere, piperVoicePath: join(nowhere, 'voice.onnx'), logger: captureLogs().logger });
  t.after(() => worker.close());
  assert.ok(worker.engine('piper')?.message.includes(join(nowhere, 'voice.onnx')));
  assert.equal(worker.engines.filter((e) => e.available).length, 0);
  assert.ok(worker.pid > 0);
  await Promise.all([worker.close(), worker.close()]);
  const exit = await worker.exited;
  assert.equal(exit.error, undefined);
  await assert.rejects(worker.client.health(false, 2000), (err) => isSwitchboardError(err, 'UNAVAILABLE'));
  const fresh = new SpeechWorkerClient(worker.address);
  t.after(() => { fresh.close(); });
  await assert.rejects(fresh.health(false, 2000), (err) => isSwitchboardError(err, 'UNAVAILABLE'));
});

void test('the default paths live under the speech cache', () => {
  const paths = speechPaths('/srv/speech');
  assert.equal(paths.python, '/srv/speech/venv/bin/python');
  assert.equal(paths.whisperDir, '/srv/speech/models/whisper-base');
  assert.ok(paths.workerScript.endsWith(join('pipelines', 'speech', 'worker', 'speech_worker.py')));
});

void test('the encoder window setting is checked at start-up, naming the variable', () => {
  assert.equal(loadSpeechConfig({}).whisperMinWindowMs, 15_000);
  assert.equal(loadSpeechConfig({ SPEECH_WHISPER_MIN_WINDOW_MS: '30000' }).whisperMinWindowMs, 30_000);
  assert.throws(() => loadSpeechConfig({ SPEECH_WHISPER_MIN_WINDOW_MS: '1000' }), /SPEECH_WHISPER_MIN_WINDOW_MS: must be an integer between 5000 and 30000/);
});
