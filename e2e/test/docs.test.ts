// Keeps the README true: every environment variable a config spec reads has a row in the
// configuration table, every topic is listed, and .ci/run calls the README's test command.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TOPIC_KEYS, topicNames } from '@switchboard/runtime';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'generated') return [];
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every configuration variable read by a service is in the README table', () => {
  const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const vars = new Set<string>();
  for (const ws of workspaces) {
    let files: string[];
    try {
      files = sources(join(root, ws, 'src'));
    } catch {
      continue;
    }
    for (const f of files) for (const m of readFileSync(f, 'utf8').matchAll(/\benv: '([A-Z][A-Z0-9_]+)'/g)) vars.add(m[1]!);
  }
  assert.ok(vars.size > 10, `found only ${vars.size} variables: the scan is broken`);
  const missing = [...vars].filter((v) => !readme.includes(`| \`${v}\``)).sort();
  assert.deepEqual(missing, [], 'variables missing from the README configuration table');
});

test('every topic is listed in the README', () => {
  const names = topicNames();
  const missing = TOPIC_KEYS.map((k) => names[k]).filter((t) => !readme.includes(`\`${t}\``));
  assert.deepEqual(missing, []);
});

test('.ci/run runs the README\'s test command, and the README opens with run then test', () => {
  const blocks = [...readme.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].map((m) => m[1]!.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))).flat();
  const [run, testCmd] = blocks;
  assert.match(run ?? '', /scripts\/run\.sh/);
  assert.match(testCmd ?? '', /scripts\/test\.sh/);
  const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
  assert.ok(ci.includes(testCmd!.replace(/^\$\s*/, '').trim()) || ci.includes('scripts/test.sh'), '.ci/run must call the README test command');
});
