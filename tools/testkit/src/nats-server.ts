// A NATS server with JetStream (Debian's nats-server) as a child process, for tests.
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findBinary } from './prereqs';
import { describeExit, spawnManaged, tailFile } from './processes';

export interface StartNatsOptions {
  /** Holds the JetStream store and the log; created if missing, never deleted here. */
  readonly workDir: string;
  /** Readiness timeout (default 20 s). */
  readonly readyTimeoutMs?: number;
}

export interface NatsServer {
  /** `nats://127.0.0.1:PORT`, the value for NATS_URL. */
  readonly url: string;
  readonly readyMs: number;
  /** SIGTERM (SIGKILL after 3 s). */
  stop(): Promise<void>;
}

const LISTENING = /Listening for client connections on [^\s]*:(\d+)/;

function readListeningPort(logFile: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  const m = LISTENING.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

export async function startNats(opts: StartNatsOptions): Promise<NatsServer> {
  const binary = findBinary('nats-server', 'nats-server');
  const workDir = resolve(opts.workDir);
  const storeDir = join(workDir, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  const logFile = join(workDir, 'nats.log');
  const readyTimeoutMs = opts.readyTimeoutMs ?? 20_000;
  const started = Date.now();

  // -p -1: the server picks a free port and prints it.
  const proc = spawnManaged(binary, ['-js', '-a', '127.0.0.1', '-p', '-1', '-sd', storeDir], {
    cwd: workDir,
    outputFile: logFile,
    pidFile: join(workDir, 'server.pid'),
  });
  const fail = async (why: string): Promise<never> => {
    await proc.stop('SIGKILL', 0);
    throw new Error(`NATS server (work dir ${workDir}) failed to start: ${why}\n--- ${logFile} (tail) ---\n${tailFile(logFile)}`);
  };

  let port: number | undefined;
  for (;;) {
    port = readListeningPort(logFile);
    if (port !== undefined) break;
    if (!proc.isAlive()) return fail(`nats-server ${describeExit(await proc.exited)} before it was ready`);
    if (Date.now() - started > readyTimeoutMs) {
      return fail(`no "Listening for client connections" line within ${readyTimeoutMs} ms`);
    }
    await delay(10);
  }

  return {
    url: `nats://127.0.0.1:${port}`,
    readyMs: Date.now() - started,
    stop: async () => {
      await proc.stop('SIGTERM', 3000);
    },
  };
}
