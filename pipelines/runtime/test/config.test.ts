import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { busConfigSpec, int, loadConfig, str } from '../src/config';
import { isSwitchboardError } from '../src/errors';

test('loads typed values with defaults', () => {
  const c = loadConfig(busConfigSpec('svc'), { KAFKA_BROKERS: 'a:9092, b:9093' });
  assert.deepEqual(c, { kafkaBrokers: ['a:9092', 'b:9093'], kafkaPartitions: 6, topicPrefix: '', kafkaClientId: 'svc', kafkaClient: 'kafkajs', kafkaFastGroups: false });
  assert.equal(loadConfig(busConfigSpec('svc'), { KAFKA_BROKERS: 'a:1', KAFKA_CLIENT: 'platformatic', KAFKA_FAST_GROUPS: 'true' }).kafkaClient, 'platformatic');
  assert.throws(() => loadConfig(busConfigSpec('svc'), { KAFKA_BROKERS: 'a:1', KAFKA_CLIENT: 'librdkafka' }), /KAFKA_CLIENT: must be one of kafkajs, platformatic/);
});

test('every bad variable is named, no value is echoed', () => {
  try {
    loadConfig(busConfigSpec('svc'), { KAFKA_BROKERS: 'secret-host-without-port', KAFKA_PARTITIONS: '0' });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(isSwitchboardError(err, 'CONFIG_INVALID'));
    assert.match(err.message, /KAFKA_BROKERS: must be a comma-separated list of host:port/);
    assert.match(err.message, /KAFKA_PARTITIONS: must be an integer between 1 and 1024/);
    assert.doesNotMatch(err.message, /secret-host/);
  }
});

test('required variables and secrets from _FILE', () => {
  const spec = {
    password: { env: 'PW', parse: str(), secret: true, description: 'a password' },
    n: { env: 'N', parse: int(1, 5), description: 'n' },
  };
  assert.throws(() => loadConfig(spec, {}), /PW: required \(a password\); N: required/);
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  writeFileSync(join(dir, 'pw'), 'hunter2\n');
  assert.deepEqual(loadConfig(spec, { PW_FILE: join(dir, 'pw'), N: '3' }), { password: 'hunter2', n: 3 });
  assert.throws(() => loadConfig(spec, { PW_FILE: join(dir, 'missing'), N: '3' }), /PW_FILE: cannot read the file it names/);
});
