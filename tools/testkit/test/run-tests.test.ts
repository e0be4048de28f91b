import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findRepoRoot } from '../src/paths';
import { parseRunnerArgs } from '../src/test-files';
import { acceptsConnections, scratchDir } from './helpers';

const RUNNER = join(findRepoRoot(), 'tools', 'testkit', 'dist', 'src', 'run-tests.js');
const SERVER_VARS = ['KAFKA_BROKERS', 'CLICKHOUSE_URL', 'CLICKHOUSE_TCP_PORT', 'NATS_URL'];

interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for a nested runner: not a child of our own `node --test`. */
function runnerEnv(keepServers: boolean): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  if (!keepServers) for (const v of SERVER_VARS) Reflect.deleteProperty(env, v);
  return env;
}

function runRunner(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (pid: number) => void): Promise<RunResult> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [RUNNER, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      resolveRun({ code, stdout, stderr });
    });
    if (child.pid !== undefined) onSpawn?.(child.pid);
  });
}

/** Writes a fake workspace whose compiled tests are the given sources. */
function fakeProject(files: Record<string, string>): string {
  const dir = scratchDir('runner');
  mkdirSync(join(dir, 'dist', 'test', 'nested'), { recursive: true });
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, 'dist', 'test', name), source);
  return dir;
}

const ENV_TEST = `
const { test } = require('node:test');
const assert = require('node:assert/strict');
test('env is set by the runner', () => {
  for (const v of ['KAFKA_BROKERS', 'CLICKHOUSE_URL', 'NATS_URL']) assert.ok(process.env[v], v);
});
`;
const FAILING_TEST = `
const { test } = require('node:test');
test('this one fails', () => { throw new Error('expected failure'); });
`;

void describe('run-tests', { timeout: 240_000 }, () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  void it('parses --project and passes everything else through', () => {
    const parsed = parseRunnerArgs(['--project', '/x/y', '--test-name-pattern=foo', '--test-only']);
    assert.equal(parsed.project, '/x/y');
    assert.deepEqual(parsed.passThrough, ['--test-name-pattern=foo', '--test-only']);
    assert.equal(parseRunnerArgs(['--project=/a']).project, '/a');
  });

  void it('fails with exit code 1 when there are no compiled tests', async () => {
    const dir = scratchDir('empty');
    dirs.push(dir);
    const r = await runRunner(['--project', dir], runnerEnv(true));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no compiled test files \(dist\/test\/\*\*\/\*\.test\.js\) found in/);
  });

  void it('runs nested test files with the infra env and exits with their exit code', async () => {
    const dir = fakeProject({ 'nested/env.test.js': ENV_TEST, 'fail.test.js': FAILING_TEST, 'helper.js': 'throw 1;' });
    dirs.push(dir);
    const failed = await runRunner(['--project', dir], runnerEnv(true));
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /# pass 1\n/);
    assert.match(failed.stdout, /# fail 1\n/);

    const passed = await runRunner(['--project', dir, '--test-name-pattern=env is set'], runnerEnv(true));
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /# pass 1\n/);
    assert.match(passed.stdout, /# fail 0\n/);
  });

  void it('on SIGTERM stops the test process and its own servers, and removes the work dir', async () => {
    const marker = join(scratchDir('marker'), 'started');
    dirs.push(join(marker, '..'));
    const hanging = `
const { test } = require('node:test');
test('hangs until the runner is stopped', async () => {
  require('node:fs').writeFileSync(${JSON.stringify(marker)}, process.env.KAFKA_BROKERS);
  await new Promise(() => setInterval(() => {}, 1000));
});
`;
    const dir = fakeProject({ 'hang.test.js': hanging });
    dirs.push(dir);
    let runnerPid = 0;
    const run = runRunner(['--project', dir], runnerEnv(false), (pid) => {
      runnerPid = pid;
    });
    // Wait for the condition "the test is running" (the runner starts its own Kafka first).
    const deadline = Date.now() + 120_000;
    while (!existsSync(marker)) {
      assert.ok(Date.now() < deadline, 'the hanging test never started');
      await delay(50);
    }
    process.kill(runnerPid, 'SIGTERM');
    const r = await run;
    assert.equal(r.code, 143, r.stdout + r.stderr);
    const brokers = /kafka ready at (127\.0\.0\.1:\d+)/.exec(r.stderr)?.[1];
    assert.ok(brokers !== undefined, r.stderr);
    assert.equal(await acceptsConnections(brokers), false, 'the runner must stop its Kafka');
    assert.equal(existsSync(join(findRepoRoot(), '.sb', `run-${runnerPid}`)), false);
  });
});
