// Checkpointed state through the harness: a restarted core resumes each conversation, skips
// events it had already applied, forgets finished conversations; one conversation's async
// handlers never interleave.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndReason } from '@switchboard/contracts';
import { ProcessorCore } from '../../src/processor/core';
import { ProcessorHarness, testEvent } from '../../src/processor/harness';
import type { Processor } from '../../src/processor/processor';
import { createLogger } from '../../src/logger';
import { MemoryStateStore } from '../../src/state/state-store';
import { topicNames } from '../../src/topics';
import { encodeEnvelope } from '../../src/envelope';

interface Digits { digits: string }

const collector: Processor<Digits> = {
  name: 'collector',
  inputs: ['calls'],
  handles: new Set(['dtmf', 'callEnded']),
  initialState: () => ({ digits: '' }),
  handle(event, ctx) {
    if (event.dtmf) {
      ctx.state.digits += event.dtmf.digit;
      ctx.emit('action', { actionId: `ack-${ctx.state.digits}`, say: { text: ctx.state.digits, language: 'en', bargeInAllowed: true, promptId: '' } });
    }
    if (event.callEnded) ctx.finish();
  },
  checkpoint: {
    version: 2,
    save: (s) => ({ d: s.digits }),
    restore: (saved, version) => {
      if (version !== 2 || typeof saved !== 'object' || saved === null || typeof (saved as { d?: unknown }).d !== 'string') throw new Error('unknown checkpoint shape');
      return { digits: (saved as { d: string }).d };
    },
  },
};

const dtmf = (digit: string, conversationId = 'c1') => testEvent('dtmf', { digit, durationMs: 80, sequence: 0 }, { conversationId });
const ended = (conversationId = 'c1') => testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: 1, audioFrames: 0, dtmfDigits: 0 }, { conversationId });
const saidTexts = (out: Awaited<ReturnType<ProcessorHarness<Digits>['run']>>) => out.map((o) => (o.topic === 'actions' ? o.envelope.action?.say?.text : undefined));

test('a restarted processor resumes the conversation from its checkpoint', async () => {
  const first = new ProcessorHarness(collector);
  const one = dtmf('1');
  await first.run(one, dtmf('2'));
  const second = await first.restartFromCheckpoints();
  assert.deepEqual(second.stateOf('c1'), { digits: '12' });
  assert.deepEqual(saidTexts(await second.run(dtmf('3'))), ['123']);
});

test('events applied before the checkpoint are skipped when redelivered after a restart', async () => {
  const first = new ProcessorHarness(collector);
  const one = dtmf('1');
  await first.run(one);
  const second = await first.restartFromCheckpoints();
  assert.deepEqual(await second.run(one), [], 'the redelivered event produced output again');
  assert.deepEqual(second.stateOf('c1'), { digits: '1' });
  assert.equal(second.core.stats.skippedDuplicates, 1);
});

test('a finished conversation leaves a tombstone and does not come back', async () => {
  const store = new MemoryStateStore();
  const first = new ProcessorHarness(collector);
  await first.run(dtmf('1', 'a'), dtmf('9', 'b'));
  await (await first.restartFromCheckpoints(store)).run(ended('a'));
  assert.deepEqual([...store.entries.keys()], ['a', 'b']);
  const afterEnd = new ProcessorHarness(collector);
  const again = await afterEnd.restartFromCheckpoints(store);
  assert.equal(again.core.stats.restoredConversations, 2);
});

test('takeCheckpoints writes null for a finished conversation and nothing for an unchanged one', async () => {
  const h = new ProcessorHarness(collector);
  await h.run(dtmf('1', 'a'), dtmf('2', 'b'));
  assert.equal(h.core.takeCheckpoints(['a', 'b']).length, 2);
  assert.deepEqual(h.core.takeCheckpoints(['a', 'b']), [], 'unchanged conversations were saved again');
  await h.run(ended('a'));
  assert.deepEqual(h.core.takeCheckpoints(['a', 'b']), [{ key: 'a', value: null }]);
});

test('an unreadable checkpoint starts that conversation afresh and keeps the others', () => {
  const core = new ProcessorCore(collector, { topics: topicNames(), logger: createLogger('test', 'error') });
  core.restore(new Map([
    ['bad-json', Buffer.from('{not json')],
    ['old-version', Buffer.from(JSON.stringify({ v: 1, ids: [], s: { d: '5' } }))],
    ['good', Buffer.from(JSON.stringify({ v: 2, ids: ['e1'], s: { d: '7' } }))],
  ]));
  assert.equal(core.stateOf('bad-json'), undefined);
  assert.equal(core.stateOf('old-version'), undefined);
  assert.deepEqual(core.stateOf('good'), { digits: '7' });
  assert.equal(core.stats.restoredConversations, 1);
});

test('exclusive() keeps async handlers of one conversation from interleaving', async () => {
  const releases: Array<() => void> = [];
  const slowCounter: Processor<{ n: number }> = {
    name: 'slow',
    inputs: ['calls'],
    handles: new Set(['dtmf']),
    initialState: () => ({ n: 0 }),
    async handle(_event, ctx) {
      const seen = ctx.state.n;
      await new Promise<void>((resolve) => releases.push(resolve));
      ctx.setState({ n: seen + 1 });
    },
  };
  const core = new ProcessorCore(slowCounter, { topics: topicNames(), logger: createLogger('test', 'error') });
  const record = (offset: number) => ({ topic: 'sb.calls', partition: 0, offset: String(offset), key: 'c1', value: Buffer.from(encodeEnvelope(dtmf('1'))), headers: {}, timestampMs: 0 });
  let settled = false;
  const both = Promise.all([core.exclusive('c1', () => core.processRecord(record(0))), core.exclusive('c1', () => core.processRecord(record(1)))]).finally(() => { settled = true; });
  // Release every handler that has started, until both finished: without the lock both start
  // at once and read the same count.
  while (!settled) {
    await new Promise((r) => setImmediate(r));
    for (const release of releases.splice(0)) release();
  }
  await both;
  assert.equal(core.stateOf('c1')?.n, 2, 'a state update was lost');
});
