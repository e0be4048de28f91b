import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { startInfra, type Infra } from '../src/infra';
import { findRepoRoot } from '../src/paths';
import { uniqueName } from '../src/test-env';
import { acceptsConnections, consume, createTopic, produce } from './helpers';

// `env: {}` ignores the KAFKA_BROKERS etc. that npm test sets, so these servers are our own.
void describe('startInfra (starting its own servers)', { timeout: 240_000 }, () => {
  let infra: Infra;

  before(async () => {
    infra = await startInfra({ env: {} });
  });

  after(async () => {
    await infra.stop();
  });

  void it('returns the env of three servers it started', () => {
    assert.deepEqual(Object.keys(infra.env).sort(), ['CLICKHOUSE_TCP_PORT', 'CLICKHOUSE_URL', 'KAFKA_BROKERS', 'NATS_URL']);
    assert.equal(infra.env.KAFKA_BROKERS, infra.kafka?.brokers);
    assert.equal(infra.env.CLICKHOUSE_URL, infra.clickhouse?.url);
    assert.equal(infra.env.CLICKHOUSE_TCP_PORT, String(infra.clickhouse?.tcpPort));
    assert.equal(infra.env.NATS_URL, infra.nats?.url);
  });

  void it('Kafka: a produced message is consumed', async () => {
    const brokers = infra.env.KAFKA_BROKERS!;
    const topic = uniqueName('infra');
    await createTopic(brokers, topic, 3);
    await produce(brokers, topic, ['hello kafka']);
    assert.deepEqual(await consume(brokers, topic, uniqueName('infra_g'), 1), ['hello kafka']);
  });

  void it('ClickHouse: SELECT 1 over HTTP', async () => {
    const res = await fetch(`${infra.env.CLICKHOUSE_URL!}/?query=${encodeURIComponent('SELECT 1')}`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '1\n');
  });

  void it('NATS: a connection publishes and receives', async () => {
    const nc = await connect({ servers: infra.env.NATS_URL! });
    try {
      const subject = uniqueName('infra');
      const sub = nc.subscribe(subject, { max: 1 });
      nc.publish(subject, 'ping');
      let got = '';
      for await (const msg of sub) got = msg.string();
      assert.equal(got, 'ping');
    } finally {
      await nc.close();
    }
  });

  void it('reuses servers named by the env vars, and its stop() leaves them running', async () => {
    const reused = await startInfra({ env: infra.env });
    assert.deepEqual(reused.env, infra.env);
    assert.equal(reused.kafka, undefined);
    assert.equal(reused.clickhouse, undefined);
    assert.equal(reused.nats, undefined);
    await reused.stop();
    assert.equal(await acceptsConnections(infra.env.KAFKA_BROKERS!), true);
    assert.equal(await acceptsConnections(infra.env.CLICKHOUSE_URL!), true);
    assert.equal(await acceptsConnections(infra.env.NATS_URL!), true);
  });

  void it('only starts what is needed', async () => {
    const onlyNats = await startInfra({ need: ['nats'], env: {} });
    try {
      assert.deepEqual(Object.keys(onlyNats.env), ['NATS_URL']);
      assert.equal(onlyNats.kafka, undefined);
    } finally {
      await onlyNats.stop();
    }
  });

  void it('stop() ends all three servers and removes the work dir', async () => {
    const runDir = join(findRepoRoot(), '.sb', `run-${process.pid}`);
    assert.ok(existsSync(runDir));
    await infra.stop();
    assert.equal(existsSync(runDir), false);
    assert.equal(await acceptsConnections(infra.env.KAFKA_BROKERS!), false);
    assert.equal(await acceptsConnections(infra.env.CLICKHOUSE_URL!), false);
    assert.equal(await acceptsConnections(infra.env.NATS_URL!), false);
  });
});

void describe('startInfra with unreachable servers in the env', { timeout: 60_000 }, () => {
  void it('fails naming KAFKA_BROKERS', async () => {
    await assert.rejects(startInfra({ need: ['kafka'], env: { KAFKA_BROKERS: '127.0.0.1:1' } }), (err: Error) => {
      assert.match(err.message, /KAFKA_BROKERS=127\.0\.0\.1:1 is set but no Kafka broker answers there/);
      return true;
    });
  });

  void it('fails naming CLICKHOUSE_URL', async () => {
    await assert.rejects(startInfra({ need: ['clickhouse'], env: { CLICKHOUSE_URL: 'http://127.0.0.1:1' } }), /CLICKHOUSE_URL=http:\/\/127\.0\.0\.1:1 is set/);
  });

  void it('fails naming NATS_URL', async () => {
    await assert.rejects(startInfra({ need: ['nats'], env: { NATS_URL: 'nats://127.0.0.1:1' } }), /NATS_URL=nats:\/\/127\.0\.0\.1:1 is set/);
  });

  void it('leaves no work dir behind after a failure', async () => {
    await assert.rejects(startInfra({ need: ['nats'], env: { NATS_URL: 'nats://127.0.0.1:1' } }));
    assert.equal(existsSync(join(findRepoRoot(), '.sb', `run-${process.pid}`)), false);
  });
});
