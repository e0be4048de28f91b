import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { startClickHouse, type ClickHouseServer } from '../src/clickhouse-server';
import { uniqueName } from '../src/test-env';
import { acceptsConnections, scratchDir } from './helpers';

async function query(url: string, sql: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', body: sql });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return text;
}

void describe('startClickHouse', { timeout: 120_000 }, () => {
  let dir: string;
  let ch: ClickHouseServer;

  before(async () => {
    dir = scratchDir('clickhouse');
    ch = await startClickHouse({ workDir: dir });
  });

  after(async () => {
    await ch.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  void it('answers SQL over HTTP, in UTC, storing data in its own work dir', async () => {
    assert.match(ch.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await query(ch.url, 'SELECT 1'), '1\n');
    assert.match(await query(ch.url, 'SELECT timezone()'), /UTC\n$/);
    const db = uniqueName('chtest');
    await query(ch.url, `CREATE DATABASE ${db}`);
    await query(ch.url, `CREATE TABLE ${db}.t (k UInt32, v String) ENGINE = MergeTree ORDER BY k`);
    await query(ch.url, `INSERT INTO ${db}.t VALUES (2, 'b'), (1, 'a')`);
    assert.equal(await query(ch.url, `SELECT k, v FROM ${db}.t ORDER BY k FORMAT TSV`), '1\ta\n2\tb\n');
    const dataPath = await query(ch.url, `SELECT data_path FROM system.tables WHERE database = '${db}' AND name = 't'`);
    assert.ok(dataPath.startsWith(dir), `data_path ${dataPath} should be under ${dir}`);
  });

  void it('answers clickhouse-client on tcpPort', () => {
    const out = execFileSync('clickhouse-client', ['--host', '127.0.0.1', '--port', String(ch.tcpPort), '-q', 'SELECT 40 + 2'], {
      encoding: 'utf8',
    });
    assert.equal(out, '42\n');
  });

  void it('stop() ends the server', async () => {
    await ch.stop();
    assert.equal(await acceptsConnections(ch.url), false);
  });
});
