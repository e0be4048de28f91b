import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OutboundRecord } from '../../src/bus/port';
import { CoalescingProducer } from '../../src/bus/coalescing-producer';
import { ControlledProducer, settle } from '../../src/testing/controlled-producer';

const rec = (n: number, bytes = 10): OutboundRecord => ({ topic: 't', key: `k${n}`, value: Buffer.alloc(bytes, n) });

void test('one request in flight at a time; later sends gather into the next request, in order', async () => {
  const inner = new ControlledProducer();
  inner.hold();
  const p = new CoalescingProducer(inner);
  const done: number[] = [];
  const sends = [1, 2, 3, 4, 5].map((n) => p.send([rec(n)]).then(() => { done.push(n); }));
  await settle();
  assert.deepEqual(inner.sent.map((s) => s.records.map((r) => r.key)), [['k1']]);
  await inner.ackNext();
  assert.deepEqual(done, [1]);
  assert.deepEqual(inner.sent.map((s) => s.records.map((r) => r.key)), [['k1'], ['k2', 'k3', 'k4', 'k5']]);
  inner.release();
  await Promise.all(sends);
  assert.deepEqual(done, [1, 2, 3, 4, 5]);
});

void test('a request never carries more than 900 KiB (whole sends only)', async () => {
  const inner = new ControlledProducer();
  inner.hold();
  const p = new CoalescingProducer(inner);
  const sends = [p.send([rec(0)]), p.send([rec(1)])];
  for (let i = 0; i < 5; i++) sends.push(p.send([rec(10 + i, 300 * 1024)]));
  await settle();
  inner.release();
  await Promise.all(sends);
  const sizes = inner.sent.map((s) => s.records.reduce((n, r) => n + r.value.byteLength, 0));
  assert.ok(sizes.every((b) => b <= 900 * 1024), String(sizes));
  assert.equal(inner.sent.flatMap((s) => s.records).length, 7);
});

void test('a failed request rejects exactly the sends it carried; close waits for the queue', async () => {
  const inner = new ControlledProducer();
  inner.hold();
  const p = new CoalescingProducer(inner);
  const a = assert.rejects(p.send([rec(1)]), /boom/);
  const b = p.send([rec(2)]);
  const c = p.send([rec(3)]);
  await settle();
  await inner.failNext(new Error('boom'));
  await a;
  const closed = p.close();
  inner.release();
  await Promise.all([b, c, closed]);
});

void test('while idle, sends within lingerMs leave as one request; a send after close is refused', async () => {
  const inner = new ControlledProducer();
  const p = new CoalescingProducer(inner, { lingerMs: 30 });
  const first = p.send([rec(1)]);
  const second = p.send([rec(2)]);
  await settle();
  assert.equal(inner.sent.length, 0, 'the first records wait for company');
  await Promise.all([first, second]);
  assert.deepEqual(inner.sent.map((s) => s.records.map((r) => r.key)), [['k1', 'k2']]);
  await p.close();
  await assert.rejects(p.send([rec(3)]), /producer is closed/);
});
