// Starts the Python speech worker as a child process on a free port and waits until it is ready:
// the worker reports its port on stdout, then one Health(wait_for_ready) call returns once the
// models are loaded or found missing. No polling, no sleeps; a worker that dies meanwhile fails
// the start at once with its last output.
import { performance } from 'node:perf_hooks';
import { createLogger, SwitchboardError, type Env, type Logger } from '@switchboard/runtime';
import type { EngineStatus } from '@switchboard/contracts';
import { loadSpeechConfig } from '../config';
import { SpeechWorkerClient } from './contract';
import { missingSetup, SPEECH_SETUP_COMMAND, speechPaths } from './paths';
import { describeExit, WorkerProcess, type WorkerExit } from './process';

export interface StartSpeechWorkerOptions {
  /** Default: SPEECH_CACHE_DIR, else <repo>/.cache/speech. */
  readonly cacheDir?: string;
  /** Override the model locations (default: under the cache). */
  readonly whisperDir?: string;
  readonly piperVoicePath?: string;
  /** Default: SPEECH_WHISPER_MIN_WINDOW_MS, else 15000. */
  readonly whisperMinWindowMs?: number;
  /** Default: SPEECH_WHISPER_CPU_THREADS, else 2. */
  readonly whisperCpuThreads?: number;
  /** Until the worker is ready (models loaded or found missing). Default 120000. */
  readonly startTimeoutMs?: number;
  /** Receives the worker's log lines. Default: warnings and errors to stderr. */
  readonly logger?: Logger;
  readonly env?: Env;
}

export interface SpeechWorker {
  /** host:port of its gRPC server (loopback). */
  readonly address: string;
  readonly pid: number;
  readonly client: SpeechWorkerClient;
  /** Every engine, loaded or not (then `message` names the missing file). */
  readonly engines: readonly EngineStatus[];
  /** From spawn to ready. */
  readonly startupMs: number;
  /** Settles when the process has exited (for whatever reason). */
  readonly exited: Promise<WorkerExit>;
  engine(name: string): EngineStatus | undefined;
  /** Stops the worker; safe to call more than once. */
  close(): Promise<void>;
}

const STOP_GRACE_MS = 5000;

function parsePort(line: string): number {
  let port: unknown;
  try {
    port = (JSON.parse(line) as { port?: unknown }).port;
  } catch {
    port = undefined;
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error('the speech worker printed no port on its first stdout line');
  }
  return port;
}

/** Rejects after `ms` (a deadline for a wait that has its own completion event). */
function deadline<T>(what: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new SwitchboardError('DEADLINE_EXCEEDED', message)); }, ms);
  });
  return Promise.race([what, expired]).finally(() => { clearTimeout(timer); });
}

export async function startSpeechWorker(options: StartSpeechWorkerOptions = {}): Promise<SpeechWorker> {
  const env = options.env ?? process.env;
  const config = loadSpeechConfig(env);
  const paths = speechPaths(options.cacheDir ?? config.cacheDir);
  const missing = missingSetup(paths);
  if (missing.length > 0) {
    throw new SwitchboardError('FAILED_PRECONDITION',
      `the speech worker cannot start: missing ${missing.join('; ')}. Run: ${SPEECH_SETUP_COMMAND}`);
  }
  const logger = options.logger ?? createLogger('speech-worker', 'warn');
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const started = performance.now();
  const args = [
    paths.workerScript, '--host', '127.0.0.1', '--port', '0', '--gen-dir', paths.genDir,
    '--whisper-dir', options.whisperDir ?? paths.whisperDir, '--piper-voice', options.piperVoicePath ?? paths.piperVoice,
  ];
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    SPEECH_WHISPER_CPU_THREADS: String(options.whisperCpuThreads ?? config.whisperCpuThreads),
    SPEECH_WHISPER_MIN_WINDOW_MS: String(options.whisperMinWindowMs ?? config.whisperMinWindowMs),
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1', // the worker script lives in the repository
  };
  const proc = new WorkerProcess(paths.python, args, childEnv, logger);
  let client: SpeechWorkerClient | undefined;
  try {
    const died = proc.exited.then((exit): never => { throw new Error(`the speech worker ${describeExit(exit)}`); });
    died.catch(() => undefined);
    const port = parsePort(await deadline(proc.firstLine(), startTimeoutMs, `the speech worker did not listen within ${startTimeoutMs} ms`));
    const address = `127.0.0.1:${port}`;
    client = new SpeechWorkerClient(address);
    const remainingMs = Math.max(1, startTimeoutMs - (performance.now() - started));
    const health = await Promise.race([client.health(true, remainingMs), died]);
    if (!health.ready) throw new Error(`the speech worker was not ready within ${startTimeoutMs} ms`);
    const startupMs = performance.now() - started;
    logger.info('speech worker ready', {
      pid: proc.pid, startupMs: Math.round(startupMs),
      engines: health.engines.map((e) => `${e.name}:${e.available ? 'ok' : 'unavailable'}`).join(','),
    });
    return handle(address, proc, client, health.engines, startupMs);
  } catch (err) {
    client?.close();
    await proc.stop(STOP_GRACE_MS);
    const output = proc.recentOutput();
    const why = err instanceof Error ? err.message : String(err);
    throw new SwitchboardError(err instanceof SwitchboardError ? err.code : 'UNAVAILABLE',
      `speech worker start failed: ${why}${output === '' ? '' : `\nlast worker output:\n${output}`}`, { cause: err });
  }
}

function handle(address: string, proc: WorkerProcess, client: SpeechWorkerClient, engines: readonly EngineStatus[], startupMs: number): SpeechWorker {
  let closing: Promise<void> | undefined;
  return {
    address,
    pid: proc.pid,
    client,
    engines,
    startupMs,
    exited: proc.exited,
    engine: (name) => engines.find((e) => e.name === name),
    close: () => {
      closing ??= (async () => {
        client.close();
        await proc.stop(STOP_GRACE_MS);
      })();
      return closing;
    },
  };
}
