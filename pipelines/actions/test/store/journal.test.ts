import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { JOURNAL_FILE, memoryJournal, openFileJournal, parseJournal } from '../../src/store/journal';
import { capturedLogger } from '../fixtures';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-actions-journal-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

test('parseJournal keeps whole lines and counts a torn last line and garbage', () => {
  assert.deepEqual(parseJournal(''), { entries: [], skipped: 0 });
  assert.deepEqual(parseJournal('{"a":1}\n{"a":2}\n'), { entries: [{ a: 1 }, { a: 2 }], skipped: 0 });
  assert.deepEqual(parseJournal('{"a":1}\nnot json\n{"a":3}\n{"a":'), { entries: [{ a: 1 }, { a: 3 }], skipped: 2 });
});

test('a file journal appends JSON lines and replays them when reopened', async (t) => {
  const dir = tempDir(t);
  const first = await openFileJournal({ dir, fsync: true });
  assert.deepEqual(first.entries, []);
  await Promise.all([first.append({ n: 1 }), first.append({ n: 2 }), first.append({ n: 3 })]);
  await first.close();
  assert.equal(readFileSync(join(dir, JOURNAL_FILE), 'utf8'), '{"n":1}\n{"n":2}\n{"n":3}\n');
  const second = await openFileJournal({ dir });
  assert.deepEqual(second.entries, [{ n: 1 }, { n: 2 }, { n: 3 }]);
  await second.close();
});

test('after a torn write, recovery skips the fragment and later appends start on a fresh line', async (t) => {
  const dir = tempDir(t);
  const j = await openFileJournal({ dir });
  await j.append({ n: 1 });
  await j.close();
  appendFileSync(join(dir, JOURNAL_FILE), '{"n":2,"tor');
  const { logger, lines } = capturedLogger();
  const reopened = await openFileJournal({ dir, logger });
  assert.deepEqual(reopened.entries, [{ n: 1 }]);
  assert.match(lines.join('\n'), /"skipped":1/);
  await reopened.append({ n: 3 });
  await reopened.close();
  const third = await openFileJournal({ dir, logger });
  assert.deepEqual(third.entries, [{ n: 1 }, { n: 3 }]);
  await third.close();
});

test('the memory journal replays what was appended to it, as JSON would', async () => {
  const j = memoryJournal();
  await j.append({ n: 1, skip: undefined });
  assert.deepEqual(j.entries, [{ n: 1 }]);
});
