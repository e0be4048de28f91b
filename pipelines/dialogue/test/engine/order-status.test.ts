import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation, SHIPPED, SHIPPED_REPLY, text } from '../support/conversation';

test('EN: order status with the number given up front: lookup, answer from its output, goodbye', () => {
  const c = new Conversation();
  assert.deepEqual(c.start(), [`say: ${text('greeting')}`]);
  assert.equal(c.state.lang, 'en');

  assert.deepEqual(c.say('order_status', { slots: { order_number: 'A1001' } }), ['lookup orders.order_status {"order_number":"A1001"}']);
  assert.equal(c.lastId('lookup'), 'ev-2:0', 'action ids derive from the triggering event id');

  const reply = c.result(c.lastId('lookup'), SHIPPED);
  assert.deepEqual(reply, [SHIPPED_REPLY, `say: ${text('anything_else')}`]);
  assert.deepEqual(c.state.outputs, { status_en: 'shipped', status_zh: '已发货', carrier: 'DHL', eta: '2026-11-28' }, 'only declared outputs are kept');

  assert.deepEqual(c.say('deny'), [`say: ${text('goodbye')}`, 'hang up: completed']);
  assert.equal(c.state.mode, 'ended');
  assert.deepEqual(c.say('order_status'), [], 'nothing is said after the goodbye');
  assert.deepEqual(c.end(), []);
});

test('EN: fixed prompts carry a cache id; prompts with caller data carry none', () => {
  const c = new Conversation();
  c.start();
  const greeting = c.all[0]?.say;
  assert.equal(greeting?.language, 'en');
  assert.match(greeting?.promptId ?? '', /^ecommerce\/greeting\/en\/[0-9a-f]{12}$/);
  assert.equal(greeting?.bargeInAllowed, true);
  c.say('order_status', { slots: { order_number: 'A1001' } });
  const [answer] = c.feedRaw(c.resultEvent(c.lastId('lookup'), SHIPPED));
  assert.equal(answer?.say?.promptId, '', 'an interpolated (PII) text is never cached');
});

test('ZH: order status where the number is asked for, re-asked with another wording, then looked up', () => {
  const c = new Conversation(undefined, 'shop-1', 'zh');
  assert.deepEqual(c.start({ language: 'zh-CN' }), [`say: ${text('greeting', 'zh')}`]);
  assert.equal(c.state.lang, 'zh');

  assert.deepEqual(c.say('order_status'), [`ask order_number: ${text('ask_order_number', 'zh')}`]);
  assert.equal(c.all.at(-1)?.ask?.language, 'zh');
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true }), [`ask order_number: ${text('ask_order_number_again', 'zh')}`]);
  // The caller only gives the number: the NLU sees no intent, but the slot fills the question.
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true, slots: { order_number: 'B2002' } }), ['lookup orders.order_status {"order_number":"B2002"}']);

  assert.deepEqual(c.result(c.lastId('lookup'), { ...SHIPPED, carrier: '顺丰' }), [
    'say: 您的订单 B2002 状态：已发货，承运商：顺丰，送达日期：2026-11-28。',
    `say: ${text('anything_else', 'zh')}`,
  ]);
  assert.deepEqual(c.say('affirm'), [`say: ${text('how_can_i_help', 'zh')}`]);
  assert.equal(c.state.mode, 'listening');
  // A second order in the same call: the number is remembered, so it is looked up straight away.
  assert.deepEqual(c.say('order_status'), ['lookup orders.order_status {"order_number":"B2002"}']);
});

test('language defaults when the call has none, and follows a caller who switches language', () => {
  const c = new Conversation();
  assert.deepEqual(c.start({}), [`say: ${text('greeting')}`]);
  assert.deepEqual(c.start({ language: 'fr-FR' }), [], 'a redelivered call start does not greet twice');
  assert.deepEqual(c.say('order_status', { language: 'zh' }), [`ask order_number: ${text('ask_order_number', 'zh')}`]);
  assert.equal(c.state.lang, 'zh');
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true, language: 'en' }), [`ask order_number: ${text('ask_order_number_again', 'zh')}`], 'a caller not understood does not switch the language');
});

test('the reply says what the lookup has: a cancelled order has no carrier and no date', () => {
  const c = new Conversation(undefined, 'shop-1', 'zh');
  c.start();
  c.say('order_status', { slots: { order_number: '100235' } });
  const cancelled = { ...SHIPPED, status_en: 'cancelled', status_zh: '已取消', carrier: '', eta: '' };
  assert.deepEqual(c.result(c.lastId('lookup'), cancelled), ['say: 您的订单 100235 状态：已取消。', `say: ${text('anything_else', 'zh')}`]);
  assert.deepEqual(c.state.outputs, { status_en: 'cancelled', status_zh: '已取消' }, 'empty fields are not kept');
});

test('lookup failure: apologise and offer a human; yes hands off with the order number', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status', { slots: { order_number: 'A1001' } });
  assert.deepEqual(c.result(c.lastId('lookup'), {}, 'unavailable'), [`say: ${text('offer_human_after_lookup')}`]);
  assert.deepEqual(c.say('affirm'), [`say: ${text('handoff')}`, 'transfer ecommerce_support: lookup_failed']);
  const transfer = c.all.at(-1)?.transferToHuman;
  assert.deepEqual(transfer?.slots, { order_number: 'A1001' });
  assert.match(transfer?.summary ?? '', /; flows: order_status, lookup_failed \(in lookup_failed at step 2 of 2: handoff\);/, 'the agent sees what the caller came for');
  assert.equal(c.state.mode, 'handed_off');
});

test('lookup failure: no thanks ends the flow and asks if there is anything else', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status', { slots: { order_number: 'A1001' } });
  // A success without a field the pack requires is a failure too: no half-empty sentence.
  assert.deepEqual(c.result(c.lastId('lookup'), { carrier: 'DHL' }), [`say: ${text('offer_human_after_lookup')}`]);
  assert.ok(c.notes.includes('lookup_failed:incomplete:status_en,status_zh'), c.notes.join(' '));
  assert.deepEqual(c.say('deny'), [`say: ${text('anything_else')}`]);
  assert.equal(c.state.mode, 'anything_else');
});

test('an order that does not exist gets its own apology, by the connector\'s failure reason', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status', { slots: { order_number: 'Z999' } });
  assert.deepEqual(c.result(c.lastId('lookup'), {}, 'not_found'), ["say: I'm sorry, I couldn't find order Z999. Would you like me to put you through to a colleague?"]);
  assert.deepEqual(c.say('affirm'), [`say: ${text('handoff')}`, 'transfer ecommerce_support: order_not_found']);
});

test('a failure reason that is not a code is treated as any other failure', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status', { slots: { order_number: 'A1001' } });
  assert.deepEqual(c.result(c.lastId('lookup'), {}, 'Order Z999 was not found'), [`say: ${text('offer_human_after_lookup')}`]);
  assert.ok(c.notes.includes('lookup_failed:other'), 'the free text is neither followed nor noted');
});

test('while a lookup is out: results of other actions are ignored, the caller is asked to wait, a late result times out', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status', { slots: { order_number: 'A1001' } });
  const pending = c.lastId('lookup');
  assert.deepEqual(c.result('ev-1:0', { spoken: 'yes' }), [], 'the result of the greeting is not an answer');
  assert.deepEqual(c.say('order_status', { utterance: 'u-wait' }), [`say: ${text('please_wait')}`]);
  c.nowMs += 10_000; // the caller speaks again after the pack's result_timeout_ms (8000)
  assert.deepEqual(c.say('order_status'), [`say: ${text('offer_human_after_lookup')}`]);
  assert.ok(c.notes.includes('lookup_timeout'));
  assert.deepEqual(c.result(pending, SHIPPED), [], 'the late result is dropped');
});

test('the same utterance re-sent under a new event id is answered once', () => {
  const c = new Conversation();
  c.start();
  assert.equal(c.say('order_status', { utterance: 'u-7' }).length, 1);
  assert.deepEqual(c.say('order_status', { utterance: 'u-7' }), []);
  assert.ok(c.notes.includes('repeated_utterance'));
});
