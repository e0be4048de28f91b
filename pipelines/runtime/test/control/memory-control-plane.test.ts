import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@switchboard/contracts';
import { MemoryControlPlane } from '../../src/control/memory-control-plane';
import { encodeEnvelope } from '../../src/envelope';
import { createLogger } from '../../src/logger';
import { testEvent } from '../../src/processor/harness';

const logger = createLogger('test', 'error');
const say = (conversationId: string, text: string): Envelope =>
  testEvent('action', { actionId: text, say: { text, language: 'en', bargeInAllowed: true, promptId: '' } }, { conversationId });

test('delivers a call its own actions in order, and nothing after unsubscribe', async () => {
  const plane = new MemoryControlPlane(logger);
  const got: string[] = [];
  const other: string[] = [];
  const sub = plane.subscribeToCall('c1', (env) => got.push(env.action!.actionId));
  plane.subscribeToCall('c2', (env) => other.push(env.action!.actionId));
  await plane.publishToCall(say('c1', 'a'));
  await plane.publishRawToCall('c1', encodeEnvelope(say('c1', 'b')));
  await plane.publishToCall(say('c2', 'x'));
  sub.unsubscribe();
  await plane.publishToCall(say('c1', 'c'));
  assert.deepEqual(got, ['a', 'b']);
  assert.deepEqual(other, ['x']);
});

test('undecodable bytes and a throwing handler are contained; other handlers still run', async () => {
  const plane = new MemoryControlPlane(logger);
  const got: string[] = [];
  plane.subscribeToCall('c1', () => { throw new Error('boom'); });
  plane.subscribeToCall('c1', (env) => got.push(env.action!.actionId));
  await plane.publishRawToCall('c1', Uint8Array.from([0xff, 0xff, 0xff]));
  await plane.publishToCall(say('c1', 'ok'));
  assert.deepEqual(got, ['ok']);
  // A call nobody listens to: dropped, as on NATS.
  await plane.publishToCall(say('nobody', 'lost'));
});
