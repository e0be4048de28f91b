import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newClusterId } from '../src/kafka-config';

test('cluster ids never start with "-" (the storage tool would take them for an option)', () => {
  const dashFirst = Buffer.from('+' + 'A'.repeat(20) + '==', 'base64');
  assert.ok(dashFirst.toString('base64url').startsWith('-'), 'fixture starts with "-"');
  let calls = 0;
  const id = newClusterId(() => (calls++ === 0 ? dashFirst : Buffer.alloc(16, 7)));
  assert.equal(calls, 2, 'a second id was drawn');
  assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
});
