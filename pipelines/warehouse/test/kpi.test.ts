// The service KPIs on ClickHouse 18.16 and on the current engine (chdb), over events stored
// twice: a call handed to a person, two served by the bot (one with a ticket), one in which
// nothing was understood, and one still live (not counted).
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import { Codec, EndReason, type Action, type Envelope } from '@switchboard/contracts';
import { newEnvelope, type Payload, type PayloadKind } from '@switchboard/runtime';
import { uniqueName } from '@switchboard/testkit';
import { conversationOutcomes, migrate, serviceKpis } from '../src/index';
import { chdbEngine, closeChdbEngine, freshDatabase, serverEngine, type Engine } from './support/clickhouse';
import { insertEvents } from './support/insert-events';

after(closeChdbEngine);

interface CallPlan {
  readonly id: string;
  readonly durationMs?: number; // absent: still live
  readonly intents: ReadonlyArray<readonly [string, boolean]>; // name, out of scope
  readonly actions: readonly Omit<Action, 'actionId'>[];
}

function callEvents(tenantId: string, plan: CallPlan, startMs: number): Envelope[] {
  let at = startMs;
  const ev = <K extends PayloadKind>(kind: K, payload: Payload<K>): Envelope =>
    newEnvelope({ tenantId, conversationId: plan.id, source: 'test', occurredAtMs: (at += 1000) }, kind, payload);
  const out = [ev('callStarted', { callId: plan.id, callerNumber: '+1555', calleeNumber: '+1666', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'grpc', attributes: {} })];
  for (const [i, [name, outOfScope]] of plan.intents.entries()) {
    out.push(ev('intent', { utteranceId: `u${i}`, name, confidence: 0.9, outOfScope, language: 'en', slots: [], alternatives: [] }));
  }
  for (const [i, a] of plan.actions.entries()) out.push(ev('action', { ...a, actionId: `${plan.id}-a${i}` }));
  if (plan.durationMs !== undefined) out.push(ev('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: plan.durationMs, audioFrames: 0, dtmfDigits: 0 }));
  return out;
}

const SAY = { say: { text: 'hello', language: 'en', bargeInAllowed: true, promptId: '' } };
const TRANSFER = { transferToHuman: { queue: 'support', reason: 'emotion', summary: 's', slots: {} } };
const TICKET = { createTicket: { subject: 's', body: 'b', priority: 'normal', fields: {} } };

async function kpisOnce(t: TestContext, engine: Engine): Promise<void> {
  const db = freshDatabase(t, engine.client, 'wh_kpi');
  await migrate(engine.client, { database: db });
  const tenant = uniqueName('tenant');
  const plans: CallPlan[] = [
    { id: uniqueName('handoff'), durationMs: 90_000, intents: [['order_status', false]], actions: [SAY, TRANSFER] },
    { id: uniqueName('served'), durationMs: 40_000, intents: [['order_status', false], ['affirm', false]], actions: [SAY, SAY] },
    { id: uniqueName('ticket'), durationMs: 50_000, intents: [['refund_request', false]], actions: [SAY, TICKET, SAY] },
    { id: uniqueName('lost'), durationMs: 20_000, intents: [['out_of_scope', true]], actions: [SAY] },
    { id: uniqueName('live'), intents: [['order_status', false]], actions: [SAY] },
  ];
  const events = plans.flatMap((p, i) => callEvents(tenant, p, 1_760_000_000_000 + i * 100_000));
  await insertEvents(engine, db, events, 1_000);
  await insertEvents(engine, db, events, 2_000);
  const ids = plans.map((p) => p.id);

  const expected = { calls: 4, handedOff: 1, selfServed: 2, selfServiceRate: 0.5, averageHandleTimeMs: 50_000, callsWithTicket: 1 };
  assert.deepEqual(await serviceKpis(engine.client, db, { conversationIds: ids }), expected, `${engine.name}: by conversation`);
  assert.deepEqual(await serviceKpis(engine.client, db, { tenantId: tenant, fromMs: 1_760_000_000_000, toMs: 1_770_000_000_000 }), expected, `${engine.name}: by window`);
  assert.deepEqual(await serviceKpis(engine.client, db, { tenantId: 'other', fromMs: 0, toMs: 2_000_000_000_000 }),
    { calls: 0, handedOff: 0, selfServed: 0, selfServiceRate: 0, averageHandleTimeMs: 0, callsWithTicket: 0 });

  const outcomes = new Map((await conversationOutcomes(engine.client, db, ids)).map((o) => [o.conversation_id, o]));
  assert.equal(outcomes.get(plans[0]!.id)?.handoff_count, 1);
  assert.equal(outcomes.get(plans[1]!.id)?.first_intent, 'order_status');
  assert.equal(outcomes.get(plans[1]!.id)?.intent_turns, 2);
  assert.equal(outcomes.get(plans[2]!.id)?.ticket_count, 1);
  assert.equal(outcomes.get(plans[3]!.id)?.first_intent, '');
  assert.equal(outcomes.get(plans[3]!.id)?.out_of_scope_turns, 1);
}

test('service KPIs count each call once: ClickHouse 18.16', async (t) => { await kpisOnce(t, serverEngine(t)); });
test('service KPIs count each call once: current engine (chdb)', async (t) => { await kpisOnce(t, await chdbEngine()); });
