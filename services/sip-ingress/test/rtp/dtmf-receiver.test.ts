import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DtmfReceiver } from '../../src/rtp/dtmf-receiver';

function event(code: number, end: boolean, duration: number): Buffer {
  return Buffer.from([code, (end ? 0x80 : 0) | 10, duration >> 8, duration & 0xff]);
}

function harness(): { rx: DtmfReceiver; digits: string[] } {
  const digits: string[] = [];
  const rx = new DtmfReceiver({ quietMs: 200, onDigit: (d, ms) => { digits.push(`${d}:${ms}`); } });
  return { rx, digits };
}

describe('DtmfReceiver', () => {
  it('reports one digit per event with the duration of its end packet, ignoring repeated ends', () => {
    const { rx, digits } = harness();
    for (const d of [0, 320, 640, 960]) rx.push(event(5, false, d), 8000, 77, 0);
    for (let i = 0; i < 3; i++) rx.push(event(5, true, 2240), 8000, 77, 10);
    assert.deepEqual(digits, ['5:280']);
  });

  it('maps 10..15 to * # A B C D and ends an event when the next starts', () => {
    const { rx, digits } = harness();
    rx.push(event(10, false, 400), 100, 1, 0);
    rx.push(event(11, false, 800), 900, 1, 50);
    rx.push(event(15, true, 800), 1700, 1, 100);
    assert.deepEqual(digits, ['*:50', '#:100', 'D:100']);
  });

  it('ends an event that lost its end packets after the quiet time', () => {
    const { rx, digits } = harness();
    rx.push(event(1, false, 800), 100, 1, 0);
    rx.tick(150);
    assert.deepEqual(digits, []);
    rx.tick(200);
    assert.deepEqual(digits, ['1:100']);
    rx.tick(500);
    assert.equal(digits.length, 1);
  });

  it('ignores non-DTMF events and short payloads', () => {
    const { rx, digits } = harness();
    rx.push(event(16, true, 800), 1, 1, 0);
    rx.push(Buffer.from([1, 2]), 2, 1, 0);
    assert.deepEqual(digits, []);
    assert.equal(rx.counters.ignored, 2);
  });
});
