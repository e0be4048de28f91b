// The test command: start the infrastructure once, run every compiled test file with
// `node --test` against it, stop the infrastructure, exit with the tests' exit code.
//   node tools/testkit/dist/src/run-tests.js [--project <dir>] [extra node --test args…]
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { relative } from 'node:path';
import { startInfra, type Infra } from './infra';
import { findRepoRoot } from './paths';
import { compiledTests, parseRunnerArgs, workspaceDirs } from './test-files';

function say(line: string): void {
  process.stderr.write(`run-tests: ${line}\n`);
}

function testEnv(infraEnv: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...infraEnv, KAFKAJS_NO_PARTITIONER_WARNING: '1' };
  // Set when this runner itself runs under `node --test`; the nested runner must report normally.
  delete env.NODE_TEST_CONTEXT;
  return env;
}

async function main(): Promise<number> {
  const root = findRepoRoot();
  const args = parseRunnerArgs(process.argv.slice(2));
  const dirs = args.project === undefined ? workspaceDirs(root) : [args.project];
  const files = dirs.flatMap((d) => compiledTests(d));
  if (files.length === 0) {
    say(
      `no compiled test files (dist/test/**/*.test.js) found in: ${dirs.map((d) => relative(root, d) || '.').join(', ')}. ` +
        'Build first (npx nx run-many -t build) or add tests.',
    );
    return 1;
  }
  say(`${files.length} test files in ${dirs.length} workspace(s); starting Kafka, ClickHouse and NATS…`);

  let infra: Infra | undefined;
  let child: ChildProcess | undefined;
  let interrupted: NodeJS.Signals | undefined;
  const signalled = (): NodeJS.Signals | undefined => interrupted;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted !== undefined && child !== undefined) child.kill('SIGKILL');
    interrupted = signal;
    child?.kill(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  try {
    const started = Date.now();
    try {
      infra = await startInfra({ log: say });
    } catch (err) {
      say(err instanceof Error ? err.message : String(err));
      return 1;
    }
    say(`infrastructure ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (interrupted !== undefined) return 128 + constants.signals[interrupted];

    const testArgs = ['--test', '--test-concurrency=2', '--test-timeout=300000'];
    // TAP everywhere (also on a terminal), so the run always ends with "# pass N" / "# fail N".
    if (!args.passThrough.some((a) => a.startsWith('--test-reporter'))) testArgs.push('--test-reporter=tap');
    testArgs.push(...args.passThrough);
    testArgs.push(...files.map((f) => relative(root, f)));
    const proc = spawn(process.execPath, testArgs, {
      cwd: root,
      stdio: 'inherit',
      env: testEnv(infra.env),
    });
    child = proc;
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolveExit, reject) => {
      proc.once('error', reject);
      proc.once('exit', (c, s) => {
        resolveExit([c, s]);
      });
    });
    const by = signalled();
    if (by !== undefined) return 128 + constants.signals[by];
    if (code !== null) return code;
    return 128 + (signal === null ? 0 : constants.signals[signal]);
  } finally {
    if (infra !== undefined) {
      try {
        await infra.stop();
      } catch (err) {
        say(`stopping the infrastructure failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}

main().then(
  (code) => {
    process.exit(code);
  },
  (err: unknown) => {
    say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
