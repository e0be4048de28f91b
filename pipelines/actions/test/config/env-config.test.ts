import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadActionsEnv } from '../../src/config/env-config';

const MAIN = join(__dirname, '..', '..', 'src', 'main.js');
const BASE = { KAFKA_BROKERS: '127.0.0.1:9092' };

test('defaults: no config file, store directory from the file, log level info, bus defaults', () => {
  const c = loadActionsEnv(BASE);
  assert.equal(c.configFile, '');
  assert.equal(c.storeDir, '');
  assert.equal(c.logLevel, 'info');
  assert.equal(c.kafkaClientId, 'switchboard-actions');
  assert.equal(c.kafkaPartitions, 6);
});

test('bad variables are named, values are not echoed', () => {
  assert.throws(() => loadActionsEnv({ LOG_LEVEL: 'loud' }), (err: Error) => {
    assert.match(err.message, /KAFKA_BROKERS: required/);
    assert.match(err.message, /LOG_LEVEL: must be one of debug, info, warn, error/);
    assert.doesNotMatch(err.message, /loud/);
    return true;
  });
});

function runMain(env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...BASE, ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stderr: r.stderr + r.stdout };
}

test('main.js refuses a bad deployment file before touching Kafka: exit 1, one line naming the key', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-actions-main-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'webhooks:\n  helpdesk: { url: "ftp://x:hunter2@h" }\nroutes:\n  say: helpdesk\n');
  const r = runMain({ ACTIONS_CONFIG_FILE: bad });
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /webhooks\.helpdesk\.url: must be an http or https URL/);
  assert.match(r.stderr, /routes\.say: say is carried out by the gateway/);
  assert.doesNotMatch(r.stderr, /hunter2/);

  // Valid shape, but the route names a connector that does not exist: found while building.
  const unrouted = join(dir, 'unrouted.yaml');
  writeFileSync(unrouted, 'routes:\n  create_ticket: helpdesk\n');
  const r2 = runMain({ ACTIONS_CONFIG_FILE: unrouted, LOG_LEVEL: 'error' });
  assert.equal(r2.status, 1);
  assert.match(r2.stderr, /routes\.create_ticket: no connector named "helpdesk"/);
});
