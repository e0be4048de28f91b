// ClickHouse for tests: the harness's 18.16 server (CLICKHOUSE_URL) and an in-process chdb engine.
// Each test gets its own database, dropped right where it is created.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { onCleanup } from './cleanup';
import type { ClickHouseClient } from '@clickhouse/client';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { createChdbClient, createServerClient, quoteIdentifier, type BytesEncoding } from '../../src/index';

export interface Engine {
  readonly name: 'clickhouse-18.16' | 'chdb';
  readonly client: ClickHouseClient;
  readonly bytes: BytesEncoding;
}

/** A client of the harness's server, closed after the test. */
export function serverClient(t: TestContext): ClickHouseClient {
  const client = createServerClient({ url: requireEnv('CLICKHOUSE_URL') });
  onCleanup(t, () => client.close());
  return client;
}

export function serverEngine(t: TestContext): Engine {
  return { name: 'clickhouse-18.16', client: serverClient(t), bytes: 'raw' };
}

// chdb binds one data path per process, so a test file shares one engine (and its temp dir);
// test files run in processes of their own. Tests still isolate themselves by database.
let chdb: { client: ClickHouseClient; dir: string } | undefined;

export async function chdbEngine(): Promise<Engine> {
  if (!chdb) {
    const dir = mkdtempSync(join(tmpdir(), 'sb-warehouse-chdb-'));
    chdb = { client: await createChdbClient(dir), dir };
  }
  return { name: 'chdb', client: chdb.client, bytes: 'escaped' };
}

/** Call from a file-level after(): closes the shared chdb engine and removes its data. */
export async function closeChdbEngine(): Promise<void> {
  if (!chdb) return;
  const { client, dir } = chdb;
  chdb = undefined;
  await client.close();
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh database name, dropped after the test (created by migrate() or by the caller). */
export function freshDatabase(t: TestContext, client: ClickHouseClient, prefix = 'wh'): string {
  const database = uniqueName(prefix);
  onCleanup(t, () => client.command({ query: `DROP DATABASE IF EXISTS ${quoteIdentifier(database)}` }));
  return database;
}

export async function selectJson<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  const rs = await client.query({ query, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
  return rs.json<T>();
}
