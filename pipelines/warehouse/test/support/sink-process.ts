// The warehouse as a child process (node dist/src/main.js), like a deployment runs it, with its
// output kept in a file for the failure message.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { onCleanup } from './cleanup';

export const MAIN_JS = join(__dirname, '..', '..', 'src', 'main.js');

export interface SinkProcess {
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isAlive(): boolean;
  kill(signal: NodeJS.Signals): void;
}

export function startSinkProcess(t: TestContext, env: Record<string, string>, logFile: string): SinkProcess {
  const fd = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [MAIN_JS], {
    env: { PATH: process.env.PATH ?? '', KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  onCleanup(t, async () => {
    if (alive) child.kill('SIGKILL');
    await exited;
  });
  return {
    pid: child.pid ?? -1,
    exited,
    isAlive: () => alive,
    kill: (signal) => { child.kill(signal); },
  };
}

/** The last lines of the children's log, for failure messages. */
export function logTail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
