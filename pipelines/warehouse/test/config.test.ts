import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadWarehouseConfig } from '../src/index';

const MAIN = join(__dirname, '..', 'src', 'main.js');
const BASE = { KAFKA_BROKERS: '127.0.0.1:9092', CLICKHOUSE_URL: 'http://127.0.0.1:8123' };

void test('defaults: database switchboard, user default, 5000 rows, 500 ms, port 8081', () => {
  const c = loadWarehouseConfig(BASE);
  assert.equal(c.clickhouseDatabase, 'switchboard');
  assert.equal(c.clickhouseUser, 'default');
  assert.equal(c.clickhousePassword, '');
  assert.equal(c.batchMaxRows, 5000);
  assert.equal(c.batchMaxWaitMs, 500);
  assert.equal(c.httpPort, 8081);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.kafkaPartitions, 6);
  assert.deepEqual(c.kafkaBrokers, ['127.0.0.1:9092']);
});

void test('every bad variable is named, and no value is echoed', () => {
  assert.throws(
    () => loadWarehouseConfig({ ...BASE, WAREHOUSE_BATCH_MAX_ROWS: 'abc123secret', CLICKHOUSE_DATABASE: 'Bad-Name', WAREHOUSE_BATCH_MAX_WAIT_MS: '0' }),
    (err: Error) => {
      assert.match(err.message, /WAREHOUSE_BATCH_MAX_ROWS/);
      assert.match(err.message, /CLICKHOUSE_DATABASE/);
      assert.match(err.message, /WAREHOUSE_BATCH_MAX_WAIT_MS/);
      assert.doesNotMatch(err.message, /abc123secret|Bad-Name/);
      return true;
    },
  );
  assert.throws(() => loadWarehouseConfig({}), /KAFKA_BROKERS: required.*CLICKHOUSE_URL: required/);
});

void test('the password is read from CLICKHOUSE_PASSWORD_FILE when CLICKHOUSE_PASSWORD is unset', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'wh-config-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  const file = join(dir, 'pw');
  writeFileSync(file, 's3cret\n');
  assert.equal(loadWarehouseConfig({ ...BASE, CLICKHOUSE_PASSWORD_FILE: file }).clickhousePassword, 's3cret');
  assert.throws(() => loadWarehouseConfig({ ...BASE, CLICKHOUSE_PASSWORD_FILE: join(dir, 'missing') }), /CLICKHOUSE_PASSWORD_FILE: cannot read/);
});

void test('main.js with a bad value exits 1 with one line naming the variable, not the value', () => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...BASE, WAREHOUSE_BATCH_MAX_ROWS: 'abc', CLICKHOUSE_PASSWORD: 'hunter2' };
  const r = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /WAREHOUSE_BATCH_MAX_ROWS/);
  assert.doesNotMatch(r.stderr + r.stdout, /abc|hunter2/);
});
