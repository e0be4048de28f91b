// Keeps the README true: every environment variable a config spec reads has a row in the
// configuration table, every topic is listed, and .ci/run calls the README's test command. Keeps
// the deployment files true: the Helm chart and docker-compose set only variables the code reads
// (a renamed variable would otherwise be set, ignored and fall back to its default).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TOPIC_KEYS, topicNames } from '@switchboard/runtime';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

function sources(dir: string, ext = '.ts'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'generated') return [];
    return statSync(p).isDirectory() ? sources(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

/** Every variable a config spec reads, and `NAME_FILE` for the secret ones. */
function configVariables(): Set<string> {
  const workspaces = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const vars = new Set<string>();
  for (const ws of workspaces) {
    let files: string[];
    try {
      files = sources(join(root, ws, 'src'));
    } catch {
      continue;
    }
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        const m = /\benv: '([A-Z][A-Z0-9_]+)'/.exec(line);
        if (!m) continue;
        vars.add(m[1]!);
        if (/\bsecret: true\b/.test(line)) vars.add(`${m[1]!}_FILE`);
      }
    }
  }
  assert.ok(vars.size > 10, `found only ${vars.size} variables: the scan is broken`);
  return vars;
}

test('every configuration variable read by a service is in the README table', () => {
  const vars = configVariables();
  // A secret's NAME_FILE form is described in NAME's row.
  const own = [...vars].filter((v) => !(v.endsWith('_FILE') && vars.has(v.slice(0, -'_FILE'.length))));
  const missing = own.filter((v) => !readme.includes(`| \`${v}\``)).sort();
  assert.deepEqual(missing, [], 'variables missing from the README configuration table');
});

test('the Helm chart sets only variables the code reads', () => {
  const vars = configVariables();
  const templates = sources(join(root, 'helm', 'switchboard', 'templates'), '.yaml');
  assert.ok(templates.length > 5, 'no chart templates found: the scan is broken');
  const set = new Set<string>();
  for (const f of templates) for (const m of readFileSync(f, 'utf8').matchAll(/^\s*- name: ([A-Z][A-Z0-9_]+)\s*$/gm)) set.add(m[1]!);
  assert.ok(set.size > 20, `found only ${set.size} variables in the chart: the scan is broken`);
  assert.deepEqual([...set].filter((v) => !vars.has(v)).sort(), [], 'chart env names no config spec reads');
});

test('docker-compose sets only variables the code reads on the Switchboard services', () => {
  const vars = configVariables();
  const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
  // Top-level blocks (the shared x-switchboard-app anchor, then services): the ones built from our image.
  const blocks = compose.split(/^(?= {2}[a-z][a-z0-9-]*:$|x-[a-z-]+:)/m).filter((b) => b.startsWith('x-switchboard-app') || b.includes('<<: *switchboard-app'));
  assert.ok(blocks.length >= 5, `found ${blocks.length} Switchboard blocks in docker-compose.yml: the scan is broken`);
  const set = new Set<string>();
  for (const b of blocks) for (const m of b.matchAll(/^ {4,}([A-Z][A-Z0-9_]+):/gm)) set.add(m[1]!);
  assert.deepEqual([...set].filter((v) => !vars.has(v)).sort(), [], 'compose variables no config spec reads');
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
