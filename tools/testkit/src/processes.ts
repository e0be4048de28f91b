// Child processes for servers: spawned with output to a file, killed if this process exits first.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  readonly error?: Error;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Settles once the process has exited (or failed to spawn). Never rejects. */
  readonly exited: Promise<ExitInfo>;
  isAlive(): boolean;
  /** Sends `signal`, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<ExitInfo>;
}

export interface SpawnOptions {
  readonly cwd: string;
  /** stdout and stderr are appended to this file. */
  readonly outputFile: string;
  /** Written with the pid, so a later run can clean up after a crashed one. */
  readonly pidFile?: string;
  readonly env?: NodeJS.ProcessEnv;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last resort: a test process that exits without stopping its servers kills them.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export function describeExit(info: ExitInfo): string {
  if (info.error !== undefined) return `could not be started (${info.error.message})`;
  if (info.signal !== null) return `was killed by ${info.signal}`;
  return `exited with code ${info.code ?? 'unknown'}`;
}

export function spawnManaged(command: string, args: readonly string[], opts: SpawnOptions): ManagedProcess {
  installExitHook();
  const out = openSync(opts.outputFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
  let done: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolveExit) => {
    child.once('error', (error) => {
      if (child.pid === undefined) {
        done = { code: null, signal: null, error };
        live.delete(child);
        resolveExit(done);
      }
    });
    child.once('exit', (code, signal) => {
      done = { code, signal };
      live.delete(child);
      resolveExit(done);
    });
  });
  live.add(child);
  if (opts.pidFile !== undefined && child.pid !== undefined) writeFileSync(opts.pidFile, `${child.pid}\n`);

  const isAlive = (): boolean => done === undefined;
  const stop = async (signal: NodeJS.Signals, graceMs: number): Promise<ExitInfo> => {
    if (!isAlive()) return exited;
    child.kill(signal);
    if (signal !== 'SIGKILL') {
      const ac = new AbortController();
      const winner = await Promise.race([exited, delay(graceMs, 'timeout' as const, { signal: ac.signal })]);
      ac.abort();
      if (winner === 'timeout' && isAlive()) child.kill('SIGKILL');
    }
    return exited;
  };
  return { pid: child.pid ?? -1, child, exited, isAlive, stop };
}

/** Runs a command to completion; rejects with its output when it fails. */
export async function runToCompletion(
  command: string,
  args: readonly string[],
  opts: SpawnOptions & { readonly timeoutMs: number; readonly what: string },
): Promise<void> {
  const proc = spawnManaged(command, args, opts);
  const ac = new AbortController();
  const winner = await Promise.race([proc.exited, delay(opts.timeoutMs, 'timeout' as const, { signal: ac.signal })]);
  ac.abort();
  if (winner === 'timeout') {
    await proc.stop('SIGKILL', 0);
    throw new Error(`${opts.what} did not finish within ${opts.timeoutMs} ms; output:\n${tailFile(opts.outputFile)}`);
  }
  if (winner.code !== 0) {
    throw new Error(`${opts.what} ${describeExit(winner)}; output:\n${tailFile(opts.outputFile)}`);
  }
}

/** The last `lines` lines of a text file ('' when it does not exist). */
export function tailFile(file: string, lines = 30): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return `(no ${file})`;
  }
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}
