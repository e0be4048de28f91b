// The worker's child process: spawned with pipes, its stderr log lines forwarded to a Logger (and
// the last few kept for error messages), stopped by closing stdin + SIGTERM, SIGKILL as a last
// resort. The worker also exits on its own when stdin closes, so it cannot outlive this process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger, LogLevel } from '@switchboard/runtime';

export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be spawned at all (e.g. ENOENT). */
  readonly error?: Error;
}

const TAIL_LINES = 20;
const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['debug', 'info', 'warn', 'error']);

export function describeExit(exit: WorkerExit): string {
  if (exit.error !== undefined) return `could not be started (${exit.error.message})`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}

/** The worker writes JSON log lines (ids, sizes, timings: never text or audio); anything else is
 *  a library warning or a start-up traceback. */
function forward(logger: Logger, line: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    logger.warn('speech worker output', { line });
    return;
  }
  const record = parsed as Record<string, unknown>;
  const fields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 't' || k === 'level' || k === 'msg' || k === 'component') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  const level = typeof record.level === 'string' && LEVELS.has(record.level) ? (record.level as LogLevel) : 'warn';
  logger[level](typeof record.msg === 'string' ? record.msg : 'speech worker log', fields);
}

export class WorkerProcess {
  readonly exited: Promise<WorkerExit>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly tail: string[] = [];
  private exit: WorkerExit | undefined;
  private readonly first: Promise<string>;

  constructor(command: string, args: readonly string[], env: NodeJS.ProcessEnv, logger: Logger) {
    this.child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => { this.exit ??= { code: null, signal: null, error }; resolve(this.exit); });
      this.child.once('exit', (code, signal) => { this.exit ??= { code, signal }; resolve(this.exit); });
    });
    // Writing to stdin of a process that is gone raises EPIPE on the stream: expected at exit.
    this.child.stdin.on('error', () => undefined);
    this.first = new Promise((resolve, reject) => {
      let seen = false;
      // Later stdout lines (a library printing) are read too, so the pipe never fills up.
      createInterface({ input: this.child.stdout }).on('line', (line) => {
        if (seen) forward(logger, line);
        else { seen = true; resolve(line); }
      });
      void this.exited.then((exit) => { reject(new Error(`the speech worker ${describeExit(exit)}`)); });
    });
    this.first.catch(() => undefined); // also rejected when nobody waits for it any more
    createInterface({ input: this.child.stderr }).on('line', (line) => {
      this.tail.push(line);
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      forward(logger, line);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  isAlive(): boolean {
    return this.exit === undefined;
  }

  /** The last stderr lines, for an error message when start-up fails. */
  recentOutput(): string {
    return this.tail.join('\n');
  }

  /** Resolves with the first stdout line (the worker's port); rejects if the process exits first. */
  firstLine(): Promise<string> {
    return this.first;
  }

  /** Closes stdin and sends SIGTERM; SIGKILL after `graceMs`. Resolves once the process is gone. */
  async stop(graceMs: number): Promise<WorkerExit> {
    if (this.exit !== undefined) return this.exit;
    this.child.stdin.end();
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => { this.child.kill('SIGKILL'); }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
