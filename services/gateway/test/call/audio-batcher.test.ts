import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Codec, Envelope } from '@switchboard/contracts';
import { AudioBatcher, type AudioBatch } from '../../src/call/audio-batcher';
import { AudioRecordWriter } from '../../src/call/audio-record';
import { mediaFormatOf } from '../../src/call/media-format';

const FORMAT = mediaFormatOf(Codec.CODEC_PCMU, 8000);

/** A batcher whose clock the test sets (clock.nowMs). */
function collect(batchFrames: number): { batcher: AudioBatcher; batches: AudioBatch[]; clock: { nowMs: number } } {
  const batches: AudioBatch[] = [];
  const clock = { nowMs: 1 };
  const writer = new AudioRecordWriter({ tenantId: 'acme', conversationId: 'conv-1', source: 'gateway' }, FORMAT, batchFrames);
  return { batcher: new AudioBatcher(writer, batchFrames, (b) => batches.push(b), () => clock.nowMs), batches, clock };
}

const frame = (s: number): Buffer => Buffer.alloc(FORMAT.frameBytes, s);

/** What a batch's record says, decoded with the generated codec. */
function decoded(b: AudioBatch): [number, number, number[], number] {
  const env = Envelope.decode(b.value);
  const audio = env.audio!;
  const firstBytes = Array.from({ length: audio.frameCount }, (_, i) => audio.payload[i * FORMAT.frameBytes]!);
  return [audio.firstSequence, audio.frameCount, firstBytes, env.occurredAtMs];
}

void test('full batches, a partial flush, payloads kept intact across batches', () => {
  const { batcher, batches, clock } = collect(3);
  for (let s = 1; s <= 7; s++) {
    clock.nowMs = 1000 + s;
    batcher.add(s, frame(s));
  }
  assert.equal(batches.length, 2);
  assert.equal(batcher.pendingFrames, 1);
  batcher.flush();
  batcher.flush(); // nothing left: no empty batch
  assert.deepEqual(batches.map(decoded), [
    [1, 3, [1, 2, 3], 1001],
    [4, 3, [4, 5, 6], 1004],
    [7, 1, [7], 1007],
  ]);
  assert.deepEqual(batches.map((b) => [b.firstSequence, b.frameCount, b.firstAtMs]), [[1, 3, 1001], [4, 3, 1004], [7, 1, 1007]]);
  const ids = batches.map((b) => Envelope.decode(b.value).eventId);
  assert.equal(new Set(ids).size, 3, 'every record has its own event id');
});

void test('a sequence gap closes the batch: frames in a batch are always consecutive', () => {
  const { batcher, batches } = collect(4);
  for (const s of [1, 2, 5, 6, 7, 8, 9]) batcher.add(s, frame(s));
  batcher.flush();
  assert.deepEqual(batches.map((b) => decoded(b).slice(0, 2)), [[1, 2], [5, 4], [9, 1]]);
});

void test('batch size 1 emits every frame', () => {
  const { batcher, batches } = collect(1);
  for (const s of [3, 4, 10]) batcher.add(s, frame(s));
  assert.deepEqual(batches.map((b) => decoded(b).slice(0, 3)), [[3, 1, [3]], [4, 1, [4]], [10, 1, [10]]]);
});
