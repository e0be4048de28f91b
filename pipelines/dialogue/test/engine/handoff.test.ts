import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation, SHIPPED, text } from '../support/conversation';

test('EN: talk_to_human right away hands off with the reason and an empty slots map', () => {
  const c = new Conversation();
  c.start();
  assert.deepEqual(c.say('talk_to_human'), [`say: ${text('handoff')}`, 'transfer ecommerce_support: caller_request']);
  const t = c.all.at(-1)?.transferToHuman;
  assert.deepEqual(t?.slots, {});
  assert.match(t?.summary ?? '', /^reason: caller_request; intents: talk_to_human; flows: human \(in human at step 1 of 1: handoff\); slots: none;/);
});

test('ZH: talk_to_human in the middle of a refund takes what was collected to the agent', () => {
  const c = new Conversation(undefined, 'shop-1', 'zh');
  c.start();
  c.say('refund_request', { slots: { order_number: 'C3003' } });
  assert.deepEqual(c.say('talk_to_human'), [`say: ${text('handoff', 'zh')}`, 'transfer ecommerce_support: caller_request']);
  const t = c.all.at(-1)?.transferToHuman;
  assert.deepEqual(t?.slots, { order_number: 'C3003' });
  assert.match(t?.summary ?? '', /intents: refund_request, talk_to_human;.*language: zh$/);
  assert.equal(c.all.at(-2)?.say?.language, 'zh');
});

test('out of scope: re-prompted with a new wording each time, then handed off after max_misses', () => {
  const c = new Conversation();
  c.start();
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }), [`say: ${text('not_understood')}`]);
  // Too unsure counts as not understood, whatever the intent.
  assert.deepEqual(c.say('order_status', { confidence: 0.2 }), [`say: ${text('not_understood_again')}`]);
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }), [`say: ${text('handoff')}`, 'transfer ecommerce_support: not_understood']);
  assert.match(c.all.at(-1)?.transferToHuman?.summary ?? '', /^reason: not_understood; intents: none; flows: none;/);
});

test('understood in between resets the count of misses', () => {
  const c = new Conversation();
  c.start();
  c.say('out_of_scope', { outOfScope: true });
  c.say('out_of_scope', { outOfScope: true });
  c.say('order_status', { slots: { order_number: 'A1' } });
  c.result(c.lastId('lookup'), SHIPPED);
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }), [`say: ${text('not_understood')}`]);
  assert.equal(c.state.mode, 'anything_else');
});

test('a question asked with every prompt and still unanswered escalates', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status');
  assert.deepEqual(c.say('affirm'), [`ask order_number: ${text('ask_order_number_again')}`], 'a yes is no order number');
  assert.deepEqual(c.say('deny'), [`say: ${text('handoff')}`, 'transfer ecommerce_support: retries_exhausted']);
});

test('a confirmation that is never answered escalates too', () => {
  const c = new Conversation();
  c.start();
  c.say('refund_request', { slots: { order_number: 'A1' } });
  c.say('delivery_problem');
  c.say('out_of_scope', { outOfScope: true });
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }).at(-1), 'transfer ecommerce_support: retries_exhausted');
});
