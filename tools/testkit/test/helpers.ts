// Shared test helpers: scratch folders and a kafkajs round trip that waits on promises, not sleeps.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { findRepoRoot } from '../src/paths';

/** A fresh folder under <repo>/.sb for one test file. */
export function scratchDir(name: string): string {
  const base = join(findRepoRoot(), '.sb');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `test-${name}-`));
}

export function kafkaClient(brokers: string): Kafka {
  return new Kafka({ clientId: 'testkit-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

export async function createTopic(brokers: string, topic: string, partitions = 1): Promise<void> {
  const admin = kafkaClient(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

export async function produce(brokers: string, topic: string, values: readonly string[]): Promise<void> {
  const producer = kafkaClient(brokers).producer({ idempotent: true });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: values.map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
}

/** Reads a topic from the beginning with a new group until `count` messages arrived. */
export async function consume(brokers: string, topic: string, groupId: string, count: number): Promise<string[]> {
  const consumer = kafkaClient(brokers).consumer({
    groupId,
    sessionTimeout: 6000,
    heartbeatInterval: 500,
    rebalanceTimeout: 5000,
    maxWaitTimeInMs: 100,
  });
  await consumer.connect();
  const seen: string[] = [];
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolveAll, reject) => {
      consumer
        .run({
          eachMessage: ({ message }) => {
            seen.push(message.value?.toString('utf8') ?? '');
            if (seen.length >= count) resolveAll();
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return seen;
}

/** Resolves with true when something accepts TCP connections on host:port, false when refused. */
export function acceptsConnections(hostPort: string): Promise<boolean> {
  const [host, port] = hostPort.replace(/^[a-z]+:\/\//, '').split(':');
  return new Promise((resolveCheck) => {
    const socket = netConnect({ host: host ?? '127.0.0.1', port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolveCheck(true);
    });
    socket.once('error', () => {
      resolveCheck(false);
    });
  });
}
