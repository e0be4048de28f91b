// Configuration: defaults, and failures that name the variable but never echo its value.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { isSwitchboardError } from '@switchboard/runtime';
import { requireEnv } from '@switchboard/testkit';
import { loadGatewayConfig } from '../src/config';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', NATS_URL: 'nats://127.0.0.1:4222' };

void test('defaults', () => {
  const c = loadGatewayConfig(base);
  assert.equal(c.grpcPort, 50051);
  assert.equal(c.httpPort, 8080);
  assert.equal(c.maxCalls, 5000);
  assert.equal(c.audioBatchFrames, 5);
  assert.equal(c.drainTimeoutMs, 30000);
  assert.equal(c.maxPendingFrames, 250);
  assert.equal(c.logLevel, 'info');
  assert.equal(c.tenantAllowlist, null);
  assert.equal(c.voice, 'speech');
  assert.equal(c.topicPrefix, '');
  assert.deepEqual(c.kafkaBrokers, ['127.0.0.1:9092']);
});

void test('GATEWAY_VOICE: speech or none, anything else named', () => {
  assert.equal(loadGatewayConfig({ ...base, GATEWAY_VOICE: 'none' }).voice, 'none');
  assert.throws(() => loadGatewayConfig({ ...base, GATEWAY_VOICE: 'robot' }), /GATEWAY_VOICE: must be one of speech, none/);
});

void test('TENANT_ALLOWLIST is parsed into a set', () => {
  const c = loadGatewayConfig({ ...base, TENANT_ALLOWLIST: 'acme, globex' });
  assert.deepEqual([...(c.tenantAllowlist ?? [])], ['acme', 'globex']);
});

void test('GATEWAY_GRPC_PORT=abc fails naming the variable, not echoing the value', () => {
  assert.throws(() => loadGatewayConfig({ ...base, GATEWAY_GRPC_PORT: 'abc' }), (err: unknown) => {
    assert.ok(isSwitchboardError(err, 'CONFIG_INVALID'));
    assert.match(err.message, /GATEWAY_GRPC_PORT: must be an integer between 0 and 65535/);
    assert.doesNotMatch(err.message, /abc/);
    return true;
  });
});

void test('every bad or missing variable is named at once', () => {
  assert.throws(() => loadGatewayConfig({ GATEWAY_MAX_CALLS: '0', TENANT_ALLOWLIST: 'Bad Tenant', LOG_LEVEL: 'loud' }), (err: unknown) => {
    assert.ok(err instanceof Error);
    for (const name of ['KAFKA_BROKERS', 'NATS_URL', 'GATEWAY_MAX_CALLS', 'TENANT_ALLOWLIST', 'LOG_LEVEL']) assert.match(err.message, new RegExp(name));
    assert.doesNotMatch(err.message, /Bad Tenant|loud/);
    return true;
  });
});

void test('the gateway process refuses to start with GATEWAY_GRPC_PORT=abc, naming it on stderr', () => {
  const main = join(__dirname, '..', 'src', 'main.js');
  const r = spawnSync(process.execPath, [main], {
    env: { PATH: process.env.PATH, KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'), NATS_URL: requireEnv('NATS_URL'), GATEWAY_GRPC_PORT: 'abc' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /GATEWAY_GRPC_PORT/);
  assert.doesNotMatch(r.stderr, /abc/);
});
