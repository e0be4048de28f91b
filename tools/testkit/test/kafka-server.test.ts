import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startKafka, type KafkaServer } from '../src/kafka-server';
import { uniqueName } from '../src/test-env';
import { acceptsConnections, consume, createTopic, kafkaClient, produce, scratchDir } from './helpers';

void describe('startKafka', { timeout: 240_000 }, () => {
  let dir: string;
  let kafka: KafkaServer;

  before(async () => {
    dir = scratchDir('kafka');
    kafka = await startKafka({ workDir: dir });
  });

  after(async () => {
    await kafka.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  void it('answers metadata on 127.0.0.1 and has pre-warmed the internal topics', async () => {
    assert.match(kafka.brokers, /^127\.0\.0\.1:\d+$/);
    const admin = kafkaClient(kafka.brokers).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      assert.equal(cluster.brokers.length, 1);
      assert.equal(cluster.controller, 1);
      const topics = await admin.listTopics();
      assert.ok(topics.includes('__consumer_offsets'), `topics: ${topics.join(', ')}`);
      assert.ok(topics.includes('__transaction_state'), `topics: ${topics.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  });

  void it('keeps every message across restart() and kill() + restart(), on the same port', async () => {
    const topic = uniqueName('restart');
    const brokers = kafka.brokers;
    await createTopic(brokers, topic);
    await produce(brokers, topic, ['a']);

    await kafka.restart();
    assert.equal(kafka.brokers, brokers);
    await produce(brokers, topic, ['b']);

    await kafka.kill();
    assert.equal(await acceptsConnections(brokers), false, 'a killed broker must refuse connections');
    await kafka.restart();
    assert.equal(kafka.brokers, brokers);
    await produce(brokers, topic, ['c']);

    assert.deepEqual(await consume(brokers, topic, uniqueName('g'), 3), ['a', 'b', 'c']);
  });

  void it('stop() ends the broker', async () => {
    await kafka.stop();
    assert.equal(await acceptsConnections(kafka.brokers), false);
    await kafka.restart(); // leave it running for after()
    assert.equal(await acceptsConnections(kafka.brokers), true);
  });
});

void describe('startKafka failures', { timeout: 120_000 }, () => {
  void it('a broker not ready in time fails with what failed, the work dir and the log tails', async () => {
    const dir = scratchDir('kafka-timeout');
    try {
      await assert.rejects(startKafka({ workDir: dir, readyTimeoutMs: 1 }), (err: Error) => {
        assert.match(err.message, /^Kafka broker \(127\.0\.0\.1:\d+, work dir .*\) failed to start: .*did not answer metadata within 1 ms/);
        assert.match(err.message, /--- .*kafka\.log \(tail\) ---/);
        assert.match(err.message, /--- .*kafka\.stdout\.log \(tail\) ---/);
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
