// Call control over a real NATS server: actions published for a call reach that call only.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { Envelope } from '@switchboard/contracts';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { callControlSubject, NatsControlPlane } from '../../src/control/nats-control-plane';
import { createLogger } from '../../src/logger';
import { testEvent } from '../../src/processor/harness';
import { waitUntil } from '../wait';

const logger = createLogger('test', 'warn');

test('per-call subjects deliver each call its own actions, in order', async (t) => {
  const prefix = uniqueName('n') + '.';
  const gateway = await NatsControlPlane.connect(requireEnv('NATS_URL'), logger, { name: 'gw', prefix });
  t.after(() => gateway.close());
  const dialogue = await NatsControlPlane.connect(requireEnv('NATS_URL'), logger, { name: 'dlg', prefix });
  t.after(() => dialogue.close());

  const [a, b] = [randomUUID(), randomUUID()];
  const got: Record<string, Envelope[]> = { [a]: [], [b]: [] };
  const subA = gateway.subscribeToCall(a, (e) => got[a]!.push(e));
  gateway.subscribeToCall(b, (e) => got[b]!.push(e));
  await gateway.flush();

  for (let i = 0; i < 5; i++) {
    await dialogue.publishToCall(testEvent('action', { actionId: `a${i}`, say: { text: `hello ${i}`, language: 'en', bargeInAllowed: false, promptId: '' } }, { conversationId: a }));
  }
  await dialogue.publishToCall(testEvent('action', { actionId: 'bye', hangUp: { reason: 'done' } }, { conversationId: b }));
  await waitUntil(() => got[a]!.length === 5 && got[b]!.length === 1, 'control messages');
  assert.deepEqual(got[a]!.map((e) => e.action?.actionId), ['a0', 'a1', 'a2', 'a3', 'a4']);
  assert.equal(got[b]![0]!.action?.hangUp?.reason, 'done');

  subA.unsubscribe();
  await gateway.flush();
  await dialogue.publishToCall(testEvent('action', { actionId: 'late', hangUp: { reason: 'x' } }, { conversationId: a }));
  await dialogue.publishToCall(testEvent('action', { actionId: 'marker', hangUp: { reason: 'y' } }, { conversationId: b }));
  await waitUntil(() => got[b]!.length === 2, 'marker on the other call');
  assert.equal(got[a]!.length, 5, 'no delivery after unsubscribe');
});

test('subjects reject ids that would break NATS tokens', () => {
  assert.equal(callControlSubject('0b6f-x_1', 'p.'), 'p.sb.call.0b6f-x_1.control');
  assert.throws(() => callControlSubject('a.b'), /not a valid NATS subject token/);
  assert.throws(() => callControlSubject('a*'), /not a valid NATS subject token/);
});
