import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger } from '@switchboard/runtime';
import { OrderedCommits, type CommitOffset } from '../../src/kafka/ordered-commits';

function setup(): { commits: OrderedCommits; committed: CommitOffset[][]; redelivered: Array<{ partition: number; offset: number }> } {
  const committed: CommitOffset[][] = [];
  const redelivered: Array<{ partition: number; offset: number }> = [];
  const commits = new OrderedCommits({
    commit: (offsets) => { committed.push([...offsets]); return Promise.resolve(); },
    onRedeliver: (_topic, partition, offset) => { redelivered.push({ partition, offset }); },
    logger: createLogger('test', 'error'),
  });
  return { commits, committed, redelivered };
}

/** The last committed offset of each partition, over every commit made. */
function positions(committed: CommitOffset[][]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const c of committed.flat()) out[c.partition] = c.offset;
  return out;
}

void test('a partition commits past a batch only once it and every earlier batch settled', async () => {
  const { commits, committed } = setup();
  const a = commits.track('t', 0, 0, 10, 10);
  const b = commits.track('t', 0, 10, 20, 10);
  const c = commits.track('t', 0, 20, 30, 10);
  const other = commits.track('t', 1, 0, 5, 5);
  b(true);
  c(true);
  await new Promise((r) => setImmediate(r));
  assert.equal(positions(committed)[0], undefined, 'nothing while the first batch is pending');
  a(true);
  other(true);
  await commits.drain();
  assert.deepEqual(positions(committed), { 0: 30, 1: 5 });
  assert.equal(commits.pendingRecords, 0);
});

void test('a failed batch restarts its partition from the oldest uncommitted batch; later results no longer count', async () => {
  const { commits, committed, redelivered } = setup();
  const a = commits.track('t', 0, 0, 10, 10);
  const b = commits.track('t', 0, 10, 20, 10);
  const c = commits.track('t', 0, 20, 30, 10);
  b(false, new Error('insert failed'));
  assert.deepEqual(redelivered, [{ partition: 0, offset: 0 }]);
  a(true);
  c(true);
  await commits.drain();
  assert.equal(positions(committed)[0], undefined, 'a and c settled after the failure: not committed');
  // The redelivered batches commit as usual.
  const again = commits.track('t', 0, 0, 30, 30);
  again(true);
  await commits.drain();
  assert.deepEqual(positions(committed), { 0: 30 });
});

void test('reset (a new assignment) voids what was tracked and what waited to be committed', async () => {
  let release: () => void = () => undefined;
  const committed: CommitOffset[][] = [];
  const commits = new OrderedCommits({
    commit: (offsets) => { committed.push([...offsets]); return new Promise<void>((r) => { release = r; }); },
    onRedeliver: () => undefined,
    logger: createLogger('test', 'error'),
  });
  commits.track('t', 0, 0, 10, 10)(true); // first commit goes out and hangs
  commits.track('t', 0, 10, 20, 10)(true); // waits for the next commit
  const pending = commits.track('t', 1, 0, 5, 5);
  commits.reset();
  pending(true);
  release();
  await commits.drain();
  assert.deepEqual(committed, [[{ topic: 't', partition: 0, offset: 10 }]]);
});
