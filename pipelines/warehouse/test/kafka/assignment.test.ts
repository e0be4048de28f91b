import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignRoundRobin, decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription } from '../../src/kafka/assignment';

void test('subscriptions and assignments survive their wire encoding', () => {
  assert.deepEqual(decodeSubscription(encodeSubscription(['a', 'b.c'])), ['a', 'b.c']);
  const assignment = new Map([['a', [0, 2]], ['b.c', [1]]]);
  assert.deepEqual(decodeAssignment(encodeAssignment(assignment)), assignment);
  assert.deepEqual(decodeAssignment(Buffer.alloc(0)), new Map(), 'an empty payload is no partitions');
});

void test('round robin deals every partition exactly once, evenly, only to subscribers of its topic', () => {
  const counts = new Map([['x', 6], ['y', 3], ['z', 2]]);
  const result = assignRoundRobin([
    { memberId: 'm2', topics: ['x', 'y'] },
    { memberId: 'm1', topics: ['x', 'y', 'z'] },
  ], counts);
  const dealt: string[] = [];
  for (const a of result.values()) for (const [topic, partitions] of a) for (const p of partitions) dealt.push(`${topic}/${p}`);
  assert.deepEqual(dealt.sort(), ['x/0', 'x/1', 'x/2', 'x/3', 'x/4', 'x/5', 'y/0', 'y/1', 'y/2', 'z/0', 'z/1']);
  assert.deepEqual(result.get('m2')!.get('z'), undefined, 'm2 does not subscribe to z');
  const sizes = [...result.values()].map((a) => [...a.values()].flat().length);
  assert.ok(Math.abs(sizes[0]! - sizes[1]!) <= 3, `balanced enough: ${sizes.join(', ')}`);
});
