// A tiny idempotent migration runner: numbered .sql files applied in order, each recorded in
// <database>._migrations with its checksum. An applied file whose content changed is refused:
// migrations are append-only (write a new file instead).
//
// ClickHouse has no transactions and no locks, so every statement must be idempotent itself
// (CREATE … IF NOT EXISTS, ADD COLUMN IF NOT EXISTS): a file interrupted half-way, or applied by
// two replicas starting together, is simply applied again.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { SwitchboardError } from '@switchboard/runtime';
import { DATABASE_NAME_PATTERN } from './config';
import { qualified, quoteIdentifier, quoteString } from './clickhouse/sql';

/** dist/src/migrate.js → the package's migrations/ folder (shipped next to dist/). */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

const FILE_NAME = /^(\d{3})_[a-z0-9_]+\.sql$/;
const DATABASE_PLACEHOLDER = /\{\{database\}\}/g;

export interface MigrationFile {
  readonly name: string;
  readonly checksum: string;
  readonly statements: readonly string[];
}

export interface MigrateOptions {
  readonly database: string;
  readonly dir?: string;
  readonly log?: (line: string) => void;
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

/** Reads NNN_name.sql files in name order; the checksum is over the file's bytes. */
export function readMigrations(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  const names = readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  const seen = new Set<string>();
  return names.map((name) => {
    const m = FILE_NAME.exec(name);
    if (!m) throw new SwitchboardError('INVALID_ARGUMENT', `migration file ${name} must be named NNN_lower_case_name.sql`);
    if (seen.has(m[1]!)) throw new SwitchboardError('INVALID_ARGUMENT', `two migration files share the number ${m[1]!}`);
    seen.add(m[1]!);
    const text = readFileSync(join(dir, name), 'utf8');
    return { name, checksum: createHash('sha256').update(text).digest('hex'), statements: splitStatements(text) };
  });
}

/**
 * Statements end with `;` at the end of a line. Whole-line `--` comments are dropped first, so a
 * comment ending in `;` cannot split a statement.
 */
export function splitStatements(sql: string): string[] {
  const code = sql
    .split(/\r?\n/)
    .filter((line) => !/^\s*--/.test(line))
    .join('\n');
  return code
    .split(/;[ \t]*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export async function migrate(client: ClickHouseClient, opts: MigrateOptions): Promise<MigrateResult> {
  const { database } = opts;
  if (!DATABASE_NAME_PATTERN.test(database)) throw new SwitchboardError('INVALID_ARGUMENT', 'database name may hold only a-z, 0-9 and _');
  const log = opts.log ?? ((): void => undefined);
  const files = readMigrations(opts.dir);
  const table = qualified(database, '_migrations');

  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)}` });
  await client.command({
    query: `CREATE TABLE IF NOT EXISTS ${table} (name String, checksum String, applied_at_ms UInt64) ENGINE = MergeTree ORDER BY name`,
  });

  const applied = await appliedChecksums(client, table);
  const changed = files.filter((f) => applied.has(f.name) && !applied.get(f.name)!.has(f.checksum)).map((f) => f.name);
  if (changed.length > 0) {
    throw new SwitchboardError(
      'FAILED_PRECONDITION',
      `applied migration files were changed: ${changed.join(', ')} (migrations are append-only; restore them and add a new file)`,
    );
  }

  const done: string[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    if (applied.has(file.name)) {
      skipped.push(file.name);
      continue;
    }
    for (const statement of file.statements) {
      await client.command({ query: statement.replace(DATABASE_PLACEHOLDER, quoteIdentifier(database)) });
    }
    // Recorded only once every statement succeeded; a crash before this line re-runs the file.
    await client.command({
      query: `INSERT INTO ${table} (name, checksum, applied_at_ms) VALUES (${quoteString(file.name)}, ${quoteString(file.checksum)}, ${Date.now()})`,
    });
    log(`migration ${file.name} applied`);
    done.push(file.name);
  }
  return { applied: done, alreadyApplied: skipped };
}

/** name → every checksum recorded for it (two replicas may both have recorded a file). */
async function appliedChecksums(client: ClickHouseClient, table: string): Promise<Map<string, Set<string>>> {
  const rs = await client.query({ query: `SELECT name, checksum FROM ${table} GROUP BY name, checksum`, format: 'JSONEachRow' });
  const rows = await rs.json<{ name: string; checksum: string }>();
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    let set = out.get(r.name);
    if (!set) out.set(r.name, (set = new Set()));
    set.add(r.checksum);
  }
  return out;
}
