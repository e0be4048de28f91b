// A pod stopped before it is ready (here: Kafka not reachable yet) still drains what it opened
// and exits 0 on SIGTERM, instead of dying on the signal's default action.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';

const MAIN = join(__dirname, '..', 'src', 'main.js');

test('SIGTERM while still waiting for Kafka: drained, exit 0', async (t) => {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH, KAFKA_BROKERS: '127.0.0.1:1', PIPELINE_PROCESSORS: 'nlu', PIPELINE_HTTP_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let stderr = '';
  const waiting = new Promise<void>((resolve) => {
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (stderr.includes('Failed to connect')) resolve();
    });
  });
  await waiting;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  assert.deepEqual([code, signal], [0, null], stderr.slice(-1000));
  assert.match(stderr, /"msg":"drained","code":0/);
});
