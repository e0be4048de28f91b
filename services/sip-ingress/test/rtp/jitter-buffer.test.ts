import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JitterBuffer, type JitterBufferOptions } from '../../src/rtp/jitter-buffer';

interface Out { first: number; concealed: boolean }

/** Payload bytes are the frame number (mod 250) so each output frame says where it came from. */
function frame(n: number, samples = 160): Buffer {
  return Buffer.alloc(samples, n % 250);
}

function harness(options: Partial<JitterBufferOptions> = {}): { jb: JitterBuffer; out: Out[] } {
  const out: Out[] = [];
  const jb = new JitterBuffer({
    codec: 'PCMU', reorderFrames: 3, playoutDelayMs: 60,
    onFrame: (payload, concealed) => { assert.equal(payload.length, 160); out.push({ first: payload[0]!, concealed }); },
    ...options,
  });
  return { jb, out };
}

describe('JitterBuffer', () => {
  it('hands out frames in order as soon as they are complete', () => {
    const { jb, out } = harness();
    for (let i = 0; i < 5; i++) jb.push(frame(i), 1000 + i * 160, 7 + i, 42, i * 20);
    assert.deepEqual(out, [0, 1, 2, 3, 4].map((first) => ({ first, concealed: false })));
    assert.equal(jb.counters.framesDelivered, 5);
  });

  it('puts reordered packets back in order', () => {
    const { jb, out } = harness();
    for (const i of [0, 2, 1, 3, 5, 4]) jb.push(frame(i), i * 160, i, 1, i * 20);
    assert.deepEqual(out.map((o) => o.first), [0, 1, 2, 3, 4, 5]);
    assert.equal(jb.counters.framesConcealed, 0);
  });

  it('conceals a lost frame once later packets overtake it, fading the last frame', () => {
    const { jb, out } = harness();
    jb.push(Buffer.alloc(160, 0x80), 0, 0, 1, 0); // loud µ-law sample
    for (const i of [2, 3, 4]) jb.push(frame(i), i * 160, i, 1, i * 20);
    assert.deepEqual(out.map((o) => o.concealed), [false, true, false, false, false]);
    assert.notEqual(out[1]!.first, 0x80, 'the concealment frame is attenuated, not a copy');
    assert.equal(jb.counters.framesConcealed, 1);
    // A packet for the concealed frame arriving now is late.
    jb.push(frame(1), 160, 1, 1, 100);
    assert.equal(jb.counters.late, 1);
    assert.equal(out.length, 5);
  });

  it('drops duplicates', () => {
    const { jb, out } = harness();
    jb.push(frame(0), 0, 10, 1, 0);
    jb.push(frame(1), 160, 11, 1, 20);
    jb.push(frame(1), 160, 11, 1, 21);
    assert.equal(out.length, 2);
    assert.equal(jb.counters.duplicates, 1);
  });

  it('re-frames 30 ms packets into 20 ms frames by timestamp', () => {
    const { jb, out } = harness();
    for (let p = 0; p < 4; p++) jb.push(Buffer.alloc(240, p + 1), p * 240, p, 9, p * 30);
    // 4 × 240 samples = 6 frames: [1,1+2], [2...], ...
    assert.equal(out.length, 6);
    assert.deepEqual(out.map((o) => o.first), [1, 1, 2, 3, 3, 4]);
    assert.ok(out.every((o) => !o.concealed));
  });

  it('on the clock, conceals the tail once it is overdue, then sends silence', () => {
    const { jb, out } = harness();
    jb.push(Buffer.alloc(160, 0x80), 0, 0, 1, 0);
    jb.tick(80); // frame 1 due at 20 + 60 ms
    assert.equal(out.length, 2);
    jb.tick(200); // frames 2..7
    assert.equal(out.length, 8);
    assert.ok(out.slice(1).every((o) => o.concealed));
    assert.equal(out.at(-1)!.first, 0xff, 'after the fade, µ-law silence');
  });

  it('follows an SSRC change without counting the new stream as late', () => {
    const { jb, out } = harness();
    jb.push(frame(0), 5000, 100, 1, 0);
    jb.push(frame(1), 5160, 101, 1, 20);
    jb.push(frame(2), 123, 9, 2, 40);
    jb.push(frame(3), 283, 10, 2, 60);
    assert.deepEqual(out.map((o) => o.first), [0, 1, 2, 3]);
    assert.equal(jb.counters.ssrcChanges, 1);
    assert.equal(jb.counters.late, 0);
  });

  it('crosses the 16-bit sequence and 32-bit timestamp wrap', () => {
    const { jb, out } = harness();
    const ts0 = 2 ** 32 - 320;
    for (let i = 0; i < 4; i++) jb.push(frame(i), (ts0 + i * 160) >>> 0, (65534 + i) & 0xffff, 3, i * 20);
    assert.deepEqual(out.map((o) => o.first), [0, 1, 2, 3]);
    assert.equal(jb.counters.late + jb.counters.duplicates + jb.counters.resyncs, 0);
  });

  it('treats a timestamp jump far ahead of the clock as a new timeline', () => {
    const { jb, out } = harness();
    jb.push(frame(0), 0, 0, 1, 0);
    jb.push(frame(1), 160 * 100_000, 1, 1, 20);
    assert.deepEqual(out.map((o) => o.first), [0, 1]);
    assert.equal(jb.counters.resyncs, 1);
  });
});
