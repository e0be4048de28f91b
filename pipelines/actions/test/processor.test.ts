import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Action, ActionResult } from '@switchboard/contracts';
import { ProcessorHarness, testEvent, type HarnessOutput } from '@switchboard/runtime';
import { failed, succeeded, type Connector, type ConnectorRequest } from '../src/connector';
import { createActionsProcessor } from '../src/processor';
import { createRouter } from '../src/routing';
import { BuiltinStore } from '../src/store/builtin-store';
import { loadCustomersFile } from '../src/store/identity';
import { memoryJournal, type Journal } from '../src/store/journal';
import { createOrdersConnector, loadOrdersFile } from '../src/store/orders';
import { capturedLogger, CUSTOMERS_FILE, ORDERS_FILE } from './fixtures';

const customers = loadCustomersFile(CUSTOMERS_FILE);
const orders = createOrdersConnector(loadOrdersFile(ORDERS_FILE));

/** A connector that records what it was asked, standing in for a helpdesk. */
function recorder(name: string, answer: (req: ConnectorRequest) => Promise<ReturnType<typeof succeeded>>): Connector & { calls: ConnectorRequest[] } {
  const calls: ConnectorRequest[] = [];
  return { name, kinds: new Set(['transfer_to_human', 'lookup']), calls, execute: (req) => { calls.push(req); return answer(req); } };
}

async function setup(opts: { journal?: Journal; transfer?: boolean; helpdesk?: Connector } = {}) {
  const store = await BuiltinStore.open({ journal: opts.journal ?? memoryJournal(), customers, logger: capturedLogger().logger });
  const helpdesk = opts.helpdesk ?? recorder('helpdesk', () => Promise.resolve(succeeded({ case_id: 'CASE-1' })));
  const router = createRouter({
    create_ticket: 'store', update_crm: 'store', verify_identity: 'store', 'lookup.orders': 'orders', 'lookup.crm': 'helpdesk',
    ...(opts.transfer === true ? { transfer_to_human: 'helpdesk' } : {}),
  }, [store, orders, helpdesk]);
  // A clock that advances 7 ms per reading: the measured latency is known without timing anything.
  let now = 1000;
  const log = capturedLogger();
  const processor = createActionsProcessor({ connectors: router, clock: () => (now += 7) });
  return { store, harness: new ProcessorHarness(processor, log.logger), lines: log.lines };
}

const actionEvent = (action: Action, conversationId = 'call-1') => testEvent('action', action, { conversationId, tenantId: 'acme' });

function results(out: HarnessOutput[]): ActionResult[] {
  return out.map((o) => {
    assert.ok(o.topic === 'actionResults', `expected an action result, got ${o.topic}`);
    assert.ok(o.envelope.actionResult);
    return o.envelope.actionResult;
  });
}

const ticketAction: Action = { actionId: 'act-ticket', createTicket: { subject: 'Refund for Jane Roe', body: 'Card 4111 1111 1111 1111', priority: '', fields: { order_number: '100231' } } };

test('create_ticket: one result with the ticket number, measured latency, on sb.action-results in the same conversation', async () => {
  const { harness } = await setup();
  const out = await harness.run(actionEvent(ticketAction));
  const [result] = results(out);
  assert.ok(result);
  assert.equal(result.actionId, 'act-ticket');
  assert.equal(result.actionKind, 'create_ticket');
  assert.equal(result.success, true);
  assert.equal(result.failureReason, '');
  assert.equal(result.latencyMs, 7);
  assert.match(result.output.ticket_number ?? '', /^T-[0-9A-Z]{8}$/);
  assert.equal(result.output.priority, 'normal');
  const env = out[0]?.topic === 'actionResults' ? out[0].envelope : undefined;
  assert.equal(env?.conversationId, 'call-1');
  assert.equal(env?.tenantId, 'acme');
  assert.equal(env?.source, 'actions');
  assert.equal(harness.core.liveConversations, 0, 'the processor keeps no per-conversation state');
});

test('a duplicate delivery (new event, or after a restart) executes once against the store and gives the same result', async () => {
  const journal = memoryJournal();
  const first = await setup({ journal });
  const a = results(await first.harness.run(actionEvent(ticketAction)))[0]!;
  // The same action in a new envelope (dialogue re-sent it): the runtime's event-id dedup does not catch it.
  const b = results(await first.harness.run(actionEvent(ticketAction)))[0]!;
  // The same event after a restart: a new processor and store recovered from the same journal.
  const restarted = await setup({ journal });
  const event = actionEvent(ticketAction);
  const c = results(await restarted.harness.run(event))[0]!;
  for (const r of [b, c]) assert.deepEqual({ ...r, latencyMs: 0 }, { ...a, latencyMs: 0 });
  assert.equal(journal.entries.length, 1, 'executed once');
  assert.equal(restarted.store.actionCount, 1);
  assert.deepEqual(await restarted.harness.run(event), [], 'the runtime itself skips a redelivered event id');
});

test('say, ask and hang_up are the gateway\'s: no result; transfer_to_human too unless a connector is routed', async () => {
  const { harness } = await setup();
  const out = await harness.run(
    actionEvent({ actionId: 's', say: { text: 'Hello', language: 'en', bargeInAllowed: true, promptId: '' } }),
    actionEvent({ actionId: 'a', ask: { text: 'Order number?', language: 'en', slot: 'order_number' } }),
    actionEvent({ actionId: 'h', hangUp: { reason: 'done' } }),
    actionEvent({ actionId: 't', transferToHuman: { queue: 'billing', reason: 'asked', summary: '', slots: {} } }),
  );
  assert.deepEqual(out, []);

  const helpdesk = recorder('helpdesk', () => Promise.resolve(succeeded({ case_id: 'CASE-9' })));
  const routed = await setup({ transfer: true, helpdesk });
  const [transfer] = results(await routed.harness.run(actionEvent({ actionId: 't', transferToHuman: { queue: 'billing', reason: 'asked', summary: 'refund', slots: { order_number: '100231' } } })));
  assert.deepEqual(transfer?.output, { case_id: 'CASE-9' });
  assert.equal(transfer.actionKind, 'transfer_to_human');
  assert.equal(helpdesk.calls[0]?.call.kind, 'transfer_to_human');
  assert.equal(helpdesk.calls[0].actionId, 't');
  assert.equal(helpdesk.calls[0].conversationId, 'call-1');
  assert.equal(helpdesk.calls[0].tenantId, 'acme');
});

test('lookups are routed by connector name; an unrouted one is not_configured', async () => {
  const { harness } = await setup();
  const [status, unknown] = results(await harness.run(
    actionEvent({ actionId: 'l1', lookup: { connector: 'orders', operation: 'order_status', params: { order_number: 'SB20260234' } } }),
    actionEvent({ actionId: 'l2', lookup: { connector: 'loyalty', operation: 'points', params: {} } }),
  ));
  assert.equal(status?.output.status, 'delivered');
  assert.equal(status.actionKind, 'lookup');
  assert.deepEqual({ ...unknown, latencyMs: 0 }, { actionId: 'l2', actionKind: 'lookup', success: false, failureReason: 'not_configured', latencyMs: 0, output: {} });
});

test('verify_identity and update_crm through the store; failures carry their reason and output', async () => {
  const { harness, store } = await setup();
  const [ok, bad, crm] = results(await harness.run(
    actionEvent({ actionId: 'v1', verifyIdentity: { method: 'dob', claims: { phone: '415-555-0101', dob: '1985-03-14' } } }),
    actionEvent({ actionId: 'v2', verifyIdentity: { method: 'dob', claims: { phone: '415-555-0101', dob: '1990-01-01' } } }),
    actionEvent({ actionId: 'c1', updateCrm: { customerRef: 'C-1001', fields: { preferred_channel: 'sms' } } }),
  ));
  assert.equal(ok?.success, true);
  assert.equal(ok.output.customer_ref, 'C-1001');
  assert.equal(bad?.success, false);
  assert.equal(bad.failureReason, 'rejected');
  assert.deepEqual(bad.output, { verified: 'false', method: 'dob' });
  assert.equal(crm?.success, true);
  assert.deepEqual(store.crmFields('acme', 'C-1001'), { preferred_channel: 'sms' });
});

test('an action without an id or kind, and a connector that throws, still get a result', async () => {
  const thrower = recorder('helpdesk', () => Promise.reject(new Error('bug in connector')));
  const { harness } = await setup({ helpdesk: thrower });
  const [noId, noKind, threw] = results(await harness.run(
    actionEvent({ actionId: '', createTicket: { subject: 's', body: '', priority: '', fields: {} } }),
    actionEvent({ actionId: 'empty' }),
    actionEvent({ actionId: 'boom', lookup: { connector: 'crm', operation: 'plan', params: {} } }),
  ));
  assert.equal(noId?.failureReason, 'invalid');
  assert.equal(noId.actionKind, 'create_ticket');
  assert.equal(noKind?.failureReason, 'invalid');
  assert.equal(noKind.actionKind, 'unspecified');
  assert.equal(threw?.failureReason, 'internal');
  assert.equal(harness.core.stats.deadLettered, 0, 'a connector failure is an answer, not a dead letter');
});

test('logs carry ids, kinds and reasons, never field, slot or claim values', async () => {
  const { harness, lines } = await setup();
  await harness.run(
    actionEvent(ticketAction),
    actionEvent({ actionId: 'v', verifyIdentity: { method: 'pin', claims: { customer_ref: 'C-1002', pin: '9999' } } }),
    actionEvent({ actionId: 'l', lookup: { connector: 'orders', operation: 'order_status', params: { order_number: 'SB20260239' } } }),
  );
  const all = lines.join('\n');
  assert.match(all, /act-ticket/);
  assert.match(all, /"reason":"rejected"/);
  for (const pii of ['Jane Roe', '4111', '100231', 'SB20260239', '9999', 'C-1002']) assert.ok(!all.includes(pii), `log must not contain ${pii}`);
});

test('the processor reads sb.actions and handles action events only', async () => {
  const { store } = await setup();
  const processor = createActionsProcessor({ connectors: createRouter({}, [store]) });
  assert.deepEqual(processor.inputs, ['actions']);
  assert.deepEqual([...processor.handles], ['action']);
  assert.equal(processor.name, 'actions');
  const out = await new ProcessorHarness(processor, capturedLogger().logger).run(actionEvent(ticketAction));
  assert.equal(results(out)[0]?.failureReason, 'not_configured');
});

test('failed() and succeeded() build the outcomes connectors return', () => {
  assert.deepEqual(failed('timeout'), { ok: false, reason: 'timeout' });
  assert.deepEqual(succeeded(), { ok: true, output: {} });
});
