// Cleans up after harness runs whose process died without stopping its servers (e.g. SIGKILL).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function pidFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...pidFiles(full));
    else if (entry.name === 'server.pid') found.push(full);
  }
  return found;
}

/** The command line of a process, or '' when it is gone. */
function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * For every `<scratch>/run-<pid>` whose pid is dead: SIGKILLs the servers it left behind (only
 * processes whose command line still names that folder) and removes the folder.
 */
export function cleanStaleRuns(scratch: string): void {
  if (!existsSync(scratch)) return;
  for (const entry of readdirSync(scratch, { withFileTypes: true })) {
    const m = /^run-(\d+)$/.exec(entry.name);
    if (!entry.isDirectory() || m?.[1] === undefined) continue;
    const owner = Number(m[1]);
    if (owner === process.pid || isAlive(owner)) continue;
    const dir = join(scratch, entry.name);
    try {
      for (const file of pidFiles(dir)) {
        const pid = Number(readFileSync(file, 'utf8').trim());
        if (Number.isInteger(pid) && pid > 1 && cmdline(pid).includes(`${dir}/`)) process.kill(pid, 'SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run may be cleaning the same folder; leaving it is harmless.
    }
  }
}
