import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Closers } from '../../src/bus/closers';

test('each close runs once: by its owner or by closeAll, whichever comes first', async () => {
  const closers = new Closers();
  const ran: string[] = [];
  const a = closers.add(() => { ran.push('a'); return Promise.resolve(); });
  closers.add(() => { ran.push('b'); return Promise.reject(new Error('b failed')); });
  closers.add(() => { ran.push('c'); return Promise.resolve(); });
  await a();
  await closers.closeAll(); // b's failure does not stop c
  await a();
  await closers.closeAll();
  assert.deepEqual(ran, ['a', 'b', 'c']);
});
