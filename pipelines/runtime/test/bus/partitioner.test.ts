import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Partitioners } from 'kafkajs';
import { partitionForKey } from '../../src/bus/partitioner';

test('partitionForKey places keys where Kafka\'s default partitioner does', () => {
  const kafkaPartitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: 6 }, (_, i) => ({ partitionId: i, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
  for (let i = 0; i < 500; i++) {
    const key = i % 3 === 0 ? `conv-${i}` : i % 3 === 1 ? crypto.randomUUID() : `呼叫-${i}-x`;
    const expected = kafkaPartitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
    assert.equal(partitionForKey(key, 6), expected, `key #${i}`);
  }
});
