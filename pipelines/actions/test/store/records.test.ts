import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isStoreEntry, ticketNumber } from '../../src/store/records';

test('ticket numbers are T- and 8 unambiguous characters, the same for the same tenant and action', () => {
  const a = ticketNumber('t1', 'act-1', () => false);
  assert.match(a, /^T-[0-9A-HJKMNP-TV-Z]{8}$/);
  assert.equal(ticketNumber('t1', 'act-1', () => false), a);
  assert.notEqual(ticketNumber('t1', 'act-2', () => false), a);
  assert.notEqual(ticketNumber('t2', 'act-1', () => false), a);
});

test('a clash with another ticket lengthens the number, deterministically', () => {
  const short = ticketNumber('t1', 'act-1', () => false);
  const longer = ticketNumber('t1', 'act-1', (n) => n === short);
  assert.equal(longer.length, short.length + 1);
  assert.ok(longer.startsWith(short));
});

test('isStoreEntry accepts what the store writes and rejects other shapes', () => {
  const entry = { v: 1, tenantId: 't', actionId: 'a', kind: 'update_crm', atMs: 1, ok: true, output: { x: 'y' }, crm: { customerRef: 'C-1', fields: { tier: 'gold' } } };
  assert.ok(isStoreEntry(entry));
  assert.ok(!isStoreEntry({ ...entry, v: 2 }));
  assert.ok(!isStoreEntry({ ...entry, kind: 'say' }));
  assert.ok(!isStoreEntry({ ...entry, reason: 'made-up' }));
  assert.ok(!isStoreEntry({ ...entry, output: { x: 1 } }));
  assert.ok(!isStoreEntry({ ...entry, crm: { customerRef: 'C-1' } }));
});
