import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AudioBatcher, type AudioBatch } from '../../src/call/audio-batcher';

function collect(frameBytes: number, batchFrames: number): { batcher: AudioBatcher; batches: AudioBatch[] } {
  const batches: AudioBatch[] = [];
  return { batcher: new AudioBatcher(frameBytes, batchFrames, (b) => batches.push(b)), batches };
}

void test('full batches, a partial flush, payloads kept intact across batches', () => {
  const { batcher, batches } = collect(2, 3);
  for (let s = 1; s <= 7; s++) batcher.add(s, Buffer.from([s, s]), 1000 + s);
  assert.equal(batches.length, 2);
  assert.equal(batcher.pendingFrames, 1);
  batcher.flush();
  batcher.flush(); // nothing left: no empty batch
  assert.deepEqual(batches.map((b) => [b.firstSequence, b.frameCount, [...b.payload], b.firstAtMs]), [
    [1, 3, [1, 1, 2, 2, 3, 3], 1001],
    [4, 3, [4, 4, 5, 5, 6, 6], 1004],
    [7, 1, [7, 7], 1007],
  ]);
});

void test('a sequence gap closes the batch: frames in a batch are always consecutive', () => {
  const { batcher, batches } = collect(1, 4);
  for (const s of [1, 2, 5, 6, 7, 8, 9]) batcher.add(s, Buffer.from([s]), 0);
  batcher.flush();
  assert.deepEqual(batches.map((b) => [b.firstSequence, b.frameCount]), [[1, 2], [5, 4], [9, 1]]);
});

void test('batch size 1 emits every frame', () => {
  const { batcher, batches } = collect(1, 1);
  for (const s of [3, 4, 10]) batcher.add(s, Buffer.from([s]), 0);
  assert.deepEqual(batches.map((b) => [b.firstSequence, b.frameCount]), [[3, 1], [4, 1], [10, 1]]);
});
