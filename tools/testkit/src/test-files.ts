// Finds the compiled test files (dist/test/**/*.test.js) of the npm workspaces.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The workspace folders listed in the root package.json (`dir` and `dir/*` patterns). */
export function workspaceDirs(root: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces?: string[] | { packages?: string[] };
  };
  const patterns = Array.isArray(pkg.workspaces) ? pkg.workspaces : (pkg.workspaces?.packages ?? []);
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const e of readdirSync(parent, { withFileTypes: true })) {
        if (e.isDirectory() && existsSync(join(parent, e.name, 'package.json'))) dirs.push(join(parent, e.name));
      }
    } else if (!pattern.includes('*')) {
      dirs.push(join(root, pattern));
    } else {
      throw new Error(`unsupported workspace pattern in package.json: ${pattern}`);
    }
  }
  return dirs;
}

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.isFile() && e.name.endsWith('.test.js')) out.push(full);
  }
}

/** Absolute paths of `<dir>/dist/test/**\/*.test.js`, sorted. */
export function compiledTests(dir: string): string[] {
  const testDir = join(resolve(dir), 'dist', 'test');
  if (!existsSync(testDir) || !statSync(testDir).isDirectory()) return [];
  const out: string[] = [];
  walk(testDir, out);
  return out.sort();
}

export interface RunnerArgs {
  /** Only this workspace folder (resolved against the cwd), else every workspace. */
  readonly project?: string;
  /** Arguments passed through to `node --test` (e.g. --test-name-pattern=…). */
  readonly passThrough: string[];
}

export function parseRunnerArgs(argv: readonly string[]): RunnerArgs {
  const passThrough: string[] = [];
  let project: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--project') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error('--project needs a folder');
      project = resolve(value);
      i += 1;
    } else if (arg.startsWith('--project=')) {
      project = resolve(arg.slice('--project='.length));
    } else {
      passThrough.push(arg);
    }
  }
  return project === undefined ? { passThrough } : { project, passThrough };
}
