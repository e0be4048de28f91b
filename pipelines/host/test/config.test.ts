import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_PACK_DIR, loadHostConfig, PROCESSOR_NAMES } from '../src/config';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const BASE = { KAFKA_BROKERS: '127.0.0.1:9092', NATS_URL: 'nats://127.0.0.1:4222' };

test('defaults: every processor, the shipped pack, bus defaults', () => {
  const c = loadHostConfig(BASE);
  assert.deepEqual(c.processors, [...PROCESSOR_NAMES]);
  assert.equal(c.packDir, DEFAULT_PACK_DIR);
  assert.equal(c.kafkaClientId, 'switchboard-pipeline');
  assert.equal(c.asrDefaultLanguage, 'en');
  assert.equal(c.asrEarlyRecognitionMs, 300);
  assert.equal(c.configFile, '');
});

test('ASR_EARLY_RECOGNITION_MS: 0 turns it off; between the hangover and the end of utterance, else refused', () => {
  assert.equal(loadHostConfig({ ...BASE, ASR_EARLY_RECOGNITION_MS: '0' }).asrEarlyRecognitionMs, 0);
  assert.equal(loadHostConfig({ ...BASE, ASR_EARLY_RECOGNITION_MS: '450' }).asrEarlyRecognitionMs, 450);
  assert.throws(() => loadHostConfig({ ...BASE, ASR_EARLY_RECOGNITION_MS: '150' }), /ASR_EARLY_RECOGNITION_MS: must be 0 \(off\) or from 200 to 599/);
  assert.throws(() => loadHostConfig({ ...BASE, ASR_EARLY_RECOGNITION_MS: '600' }), /ASR_EARLY_RECOGNITION_MS: must be an integer between 0 and 599/);
});

test('PIPELINE_PROCESSORS picks a share, in pipeline order; NATS is only needed with the dialogue', () => {
  assert.deepEqual(loadHostConfig({ KAFKA_BROKERS: 'k:9092', PIPELINE_PROCESSORS: 'nlu, asr' }).processors, ['asr', 'nlu']);
  assert.throws(() => loadHostConfig({ KAFKA_BROKERS: 'k:9092', PIPELINE_PROCESSORS: 'dialogue' }), /NATS_URL: required when PIPELINE_PROCESSORS includes dialogue/);
});

test('bad variables are named, values are not echoed', () => {
  assert.throws(() => loadHostConfig({ ...BASE, PIPELINE_PROCESSORS: 'asr,secretsauce', PACK_DIR: 'relative/dir', LOG_LEVEL: 'loud', ASR_DEFAULT_LANGUAGE: 'english' }), (err: Error) => {
    assert.match(err.message, /PIPELINE_PROCESSORS: must be a comma-separated list of distinct names from asr, nlu, emotion, dialogue, actions/);
    assert.match(err.message, /PACK_DIR: must be an absolute path/);
    assert.match(err.message, /LOG_LEVEL: must be one of debug, info, warn, error/);
    assert.match(err.message, /ASR_DEFAULT_LANGUAGE: a language code/);
    for (const value of ['secretsauce', 'relative/dir', 'loud', 'english']) assert.doesNotMatch(err.message, new RegExp(value));
    return true;
  });
  assert.throws(() => loadHostConfig({ ...BASE, PIPELINE_PROCESSORS: 'nlu,nlu' }), /PIPELINE_PROCESSORS: must be a comma-separated list of distinct names/);
});

function runMain(env: Record<string, string>): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...BASE, PIPELINE_HTTP_PORT: '0', ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, output: r.stderr + r.stdout };
}

test('main.js refuses bad configuration before touching a server: exit 1, one line naming what is wrong', (t) => {
  const r = runMain({ KAFKA_PARTITIONS: 'many' });
  assert.equal(r.status, 1);
  assert.equal(r.output.trim().split('\n').length, 1, r.output);
  assert.match(r.output, /^pipeline: invalid configuration: KAFKA_PARTITIONS: must be an integer/);

  const dir = mkdtempSync(join(tmpdir(), 'sb-host-main-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'webhooks:\n  helpdesk: { url: "ftp://x:hunter2@h" }\nroutes:\n  say: helpdesk\n');
  const r2 = runMain({ PIPELINE_PROCESSORS: 'actions', ACTIONS_CONFIG_FILE: bad });
  assert.equal(r2.status, 1);
  assert.match(r2.output, /webhooks\.helpdesk\.url: must be an http or https URL/);
  assert.match(r2.output, /routes\.say: say is carried out by the gateway/);
  assert.doesNotMatch(r2.output, /hunter2/);

  // A pack folder without the pack: named, before any server is contacted.
  const r3 = runMain({ PIPELINE_PROCESSORS: 'nlu', PACK_DIR: dir, LOG_LEVEL: 'error' });
  assert.equal(r3.status, 1);
  assert.match(r3.output, /nlu\.yaml: cannot read the file \(ENOENT\)/);
});
