// Fails when proto/src/generated is not what `buf generate` makes from the .proto files today
// (someone edited a .proto without regenerating, or edited generated code by hand).
// `--write` regenerates in place instead.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const buf = join(root, '..', 'node_modules', '.bin', 'buf');
const run = (args) => execFileSync(buf, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

if (process.argv.includes('--write')) {
  rmSync(join(root, 'src', 'generated'), { recursive: true, force: true });
  run(['generate']);
  process.exit(0);
}

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const p = join(dir, name);
  return statSync(p).isDirectory() ? files(p) : [p];
});

run(['lint']);
const out = mkdtempSync(join(tmpdir(), 'sb-gen-'));
try {
  run(['generate', '-o', out]);
  const fresh = join(out, 'src', 'generated');
  const committed = join(root, 'src', 'generated');
  const a = new Map(files(fresh).map((f) => [relative(fresh, f), readFileSync(f, 'utf8')]));
  const b = new Map(files(committed).map((f) => [relative(committed, f), readFileSync(f, 'utf8')]));
  const stale = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
  if (stale.length > 0) {
    console.error(`generated code is stale: ${stale.join(', ')}\nrun: npm run gen`);
    process.exit(1);
  }
  console.log(`contracts: generated code is up to date (${a.size} files)`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
