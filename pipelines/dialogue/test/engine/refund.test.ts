import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation, SHIPPED, text } from '../support/conversation';

test('EN: refund over several turns: number, reason, confirmation (re-asked once), ticket, goodbye', () => {
  const c = new Conversation();
  c.start();
  assert.deepEqual(c.say('refund_request'), [`ask order_number: ${text('ask_order_number_refund')}`]);
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true, slots: { order_number: 'A1001' } }), [`ask refund_reason: ${text('ask_refund_reason')}`]);
  // "It arrived broken" is a delivery problem to the NLU; this question maps it to a reason
  // instead of starting the delivery flow.
  assert.deepEqual(c.say('delivery_problem'), ["say: To confirm: you'd like a refund for order A1001. Shall I open the request?"]);
  assert.equal(c.state.slots.refund_reason, 'damaged_or_missing');
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }), ['say: Shall I open a refund request for order A1001? Please say yes or no.']);

  assert.deepEqual(c.say('affirm'), ['ticket normal: Refund request for order A1001']);
  const ticket = c.all.at(-1)?.createTicket;
  assert.equal(ticket?.body, 'The caller asked for a refund by phone. Order: A1001. Reason: damaged_or_missing.');
  assert.deepEqual(ticket?.fields, { order_number: 'A1001', reason: 'damaged_or_missing', channel: 'phone' });

  assert.deepEqual(c.result(c.lastId('createTicket'), { ticket_number: 'T-9', priority: 'normal' }), [
    "say: Your refund request is open, reference T-9. You'll receive an email within one working day.",
    `say: ${text('anything_else')}`,
  ]);
  assert.deepEqual(c.say('deny'), [`say: ${text('goodbye')}`, 'hang up: completed']);
  assert.deepEqual(c.state.intents, ['refund_request', 'delivery_problem'], 'requests only, not yes/no');
});

test('ZH: refund where the reason is in the caller\'s own words, declined at the confirmation', () => {
  const c = new Conversation(undefined, 'shop-1', 'zh');
  c.start();
  assert.deepEqual(c.say('refund_request', { slots: { order_number: 'C3003' } }), [`ask refund_reason: ${text('ask_refund_reason', 'zh')}`]);
  // Not understood, but any answer to this question is a reason: kept as "other".
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }), ['say: 跟您确认一下：您要为订单 C3003 申请退款。我现在为您提交申请，可以吗？']);
  assert.equal(c.state.slots.refund_reason, 'other');
  assert.deepEqual(c.say('deny'), [`say: ${text('refund_not_opened', 'zh')}`, `say: ${text('anything_else', 'zh')}`]);
  assert.equal(c.all.some((a) => a.createTicket !== undefined), false, 'no ticket after a no');
});

test('a ticket the connector could not create: apologise and hand off', () => {
  const c = new Conversation();
  c.start();
  c.say('refund_request', { slots: { order_number: 'A1001' } });
  c.say('deny'); // "I changed my mind" answers the reason question
  assert.equal(c.state.slots.refund_reason, 'changed_mind');
  c.say('affirm');
  assert.deepEqual(c.result(c.lastId('createTicket'), {}, 'unavailable'), [`say: ${text('ticket_failed')}`, `say: ${text('handoff')}`, 'transfer ecommerce_support: ticket_failed']);
});

test('a caller who asks for something else mid-flow is taken to that flow, keeping what was said', () => {
  const c = new Conversation();
  c.start();
  c.say('refund_request', { slots: { order_number: 'A1001' } });
  assert.deepEqual(c.say('order_status'), ['lookup orders.order_status {"order_number":"A1001"}']);
  assert.equal(c.state.flow, 'order_status');
});

test('EN: delivery problem: status, offer of an investigation, high-priority ticket', () => {
  const c = new Conversation();
  c.start();
  assert.deepEqual(c.say('delivery_problem'), [`ask order_number: ${text('ask_order_number_delivery')}`]);
  c.say('order_status', { slots: { order_number: 'D4' } });
  assert.deepEqual(c.result(c.lastId('lookup'), { ...SHIPPED, status_en: 'out for delivery', carrier: 'UPS' }), ['say: I can see order D4 is out for delivery, with UPS.', `say: ${text('offer_delivery_ticket')}`]);
  assert.deepEqual(c.say('affirm'), ['ticket high: Delivery problem with order D4']);
  assert.deepEqual(c.all.at(-1)?.createTicket?.fields, { order_number: 'D4', carrier: 'UPS', channel: 'phone' });
  assert.equal(c.all.at(-1)?.createTicket?.body, 'The caller reported a delivery problem by phone. Order: D4. Status: out for delivery. Carrier: UPS.');
  // A ticket system that gives no number: the wording without a reference is said.
  assert.deepEqual(c.result(c.lastId('createTicket'), {}), [`say: ${text('delivery_ticket_opened')}`, `say: ${text('anything_else')}`]);
});

test('"that is all, goodbye" ends the call politely wherever it is: mid-flow and after one', () => {
  const c = new Conversation();
  c.start();
  c.say('refund_request');
  assert.deepEqual(c.say('goodbye'), [`say: ${text('goodbye')}`, 'hang up: completed'], 'at a question');
  assert.equal(c.state.mode, 'ended');
  assert.deepEqual(c.say('order_status'), [], 'nothing after the goodbye');

  const d = new Conversation();
  d.start();
  assert.deepEqual(d.say('goodbye'), [`say: ${text('goodbye')}`, 'hang up: completed'], 'while listening');
});
