// The pipeline host as a child process (what a Kubernetes pod runs), for fault tests and the
// pipeline benchmark: started with the caller's topic prefix, its JSON log read as it is
// written, killed like a crashed pod.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const HOST_MAIN = join(__dirname, '..', '..', '..', '..', 'pipelines', 'host', 'dist', 'src', 'main.js');

export interface HostProcess {
  readonly child: ChildProcess;
  /** The JSON log lines seen so far. */
  readonly lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line matching, rejects when the process exits first or after timeoutMs. */
  waitForLog(match: (line: Record<string, unknown>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startHostProcess(env: Record<string, string>): HostProcess {
  const child = spawn(process.execPath, [HOST_MAIN], { env: { PATH: process.env.PATH, PIPELINE_HTTP_PORT: '0', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  const listeners = new Set<() => void>();
  createInterface({ input: child.stderr }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      lines.push({ msg: text });
    }
    for (const l of [...listeners]) l();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => { resolve({ code, signal }); for (const l of [...listeners]) l(); });
  });
  process.once('exit', () => { child.kill('SIGKILL'); });
  const waitForLog = (match: (line: Record<string, unknown>) => boolean, what: string, timeoutMs = 60_000): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const done = (): void => { clearTimeout(timer); listeners.delete(check); };
      const check = (): void => {
        const found = lines.find(match);
        if (found !== undefined) { done(); resolve(found); return; }
        if (child.exitCode !== null || child.signalCode !== null) { done(); reject(new Error(`the host exited before ${what}:\n${lines.slice(-10).map((l) => JSON.stringify(l)).join('\n')}`)); }
      };
      const timer = setTimeout(() => { done(); reject(new Error(`no ${what} within ${timeoutMs} ms`)); }, timeoutMs);
      listeners.add(check);
      check();
    });
  return { child, lines, waitForLog, exited };
}
