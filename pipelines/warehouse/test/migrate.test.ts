import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { migrate, MIGRATIONS_DIR, readMigrations, splitStatements, TABLE_COLUMNS, TABLE_NAMES, qualified } from '../src/index';
import { chdbEngine, closeChdbEngine, freshDatabase, selectJson, serverEngine, type Engine } from './support/clickhouse';

after(closeChdbEngine);

void test('statements split on ";" at line end; whole-line comments never split', () => {
  const sql = '-- note; with a semicolon;\nCREATE TABLE a (x String DEFAULT \';\');\n\n-- c\nCREATE VIEW b AS\nSELECT 1;  \n';
  assert.deepEqual(splitStatements(sql), ["CREATE TABLE a (x String DEFAULT ';')", 'CREATE VIEW b AS\nSELECT 1']);
});

void test('migration files are numbered, unique and non-empty', () => {
  const files = readMigrations();
  assert.ok(files.length >= 10);
  for (const f of files) assert.ok(f.statements.length > 0, f.name);
});

async function assertAppliesTwice(engine: Engine, database: string): Promise<void> {
  const first = await migrate(engine.client, { database });
  assert.equal(first.applied.length, readMigrations().length, `${engine.name}: every file applied`);
  const second = await migrate(engine.client, { database });
  assert.deepEqual(second.applied, [], `${engine.name}: nothing applied the second time`);
  assert.equal(second.alreadyApplied.length, first.applied.length);
  // The sink's column lists match the migrated tables (plus the computed occurred_at).
  for (const table of TABLE_NAMES) {
    const cols = await selectJson<{ name: string }>(
      engine.client,
      `SELECT name FROM system.columns WHERE database = '${database}' AND table = '${table}'`,
    );
    assert.deepEqual(
      cols.map((c) => c.name).filter((n) => n !== 'occurred_at').sort(),
      [...TABLE_COLUMNS[table]].sort(),
      `${engine.name}: columns of ${table}`,
    );
  }
  const facts = await selectJson<Record<string, unknown>>(engine.client, `SELECT * FROM ${qualified(database, 'conversation_facts')}`);
  assert.deepEqual(facts, []);
}

void test('migrations apply on ClickHouse 18.16 and are idempotent', async (t) => {
  const engine = serverEngine(t);
  await assertAppliesTwice(engine, freshDatabase(t, engine.client, 'wh_migrate'));
});

void test('migrations apply on the current engine (chdb) and are idempotent', async (t) => {
  const engine = await chdbEngine();
  await assertAppliesTwice(engine, freshDatabase(t, engine.client, 'wh_migrate'));
});

void test('an applied migration whose file changed is refused, naming the file', async (t) => {
  const engine = serverEngine(t);
  const database = freshDatabase(t, engine.client, 'wh_migrate');
  const dir = mkdtempSync(join(tmpdir(), 'wh-migrations-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  await migrate(engine.client, { database, dir });
  const file = join(dir, '003_dtmf_events.sql');
  writeFileSync(file, readFileSync(file, 'utf8') + '\n-- edited after it was applied\n');
  await assert.rejects(migrate(engine.client, { database, dir }), /003_dtmf_events\.sql/);
  // A new file is fine.
  writeFileSync(join(dir, '003_dtmf_events.sql'), readFileSync(join(MIGRATIONS_DIR, '003_dtmf_events.sql'), 'utf8'));
  writeFileSync(join(dir, '999_extra.sql'), `CREATE TABLE IF NOT EXISTS {{database}}.extra (x UInt8) ENGINE = MergeTree ORDER BY x;\n`);
  const r = await migrate(engine.client, { database, dir });
  assert.deepEqual(r.applied, ['999_extra.sql']);
});
