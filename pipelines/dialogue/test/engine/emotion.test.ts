import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Conversation, SHIPPED, SHIPPED_REPLY, text } from '../support/conversation';

test('angry caller: soothed on the first negative utterance, handed off on the second with a summary and the slots', () => {
  const c = new Conversation();
  c.start();
  // Emotion first, then the intent of the same utterance.
  assert.deepEqual(c.feel('angry', 'u-a'), [], 'an emotion alone says nothing (no talking over the reply)');
  assert.deepEqual(c.say('order_status', { utterance: 'u-a' }), [`say: ${text('soothe')}`, `ask order_number: ${text('ask_order_number')}`]);
  // Intent first, then its emotion.
  assert.deepEqual(c.say('out_of_scope', { outOfScope: true, utterance: 'u-b', slots: { order_number: 'A1001' } }), ['lookup orders.order_status {"order_number":"A1001"}'], 'soothed once only');
  assert.deepEqual(c.feel('frustrated', 'u-b'), [`say: ${text('handoff')}`, 'transfer ecommerce_support: sustained_negative_emotion']);

  const transfer = c.all.at(-1)?.transferToHuman;
  assert.equal(transfer?.summary, 'reason: sustained_negative_emotion; intents: order_status; flows: order_status (in order_status at step 2 of 3: lookup); slots: order_number; negative emotion: 2 of the last 2 utterances; language: en');
  assert.deepEqual(transfer?.slots, { order_number: 'A1001' });
  assert.doesNotMatch(transfer?.summary ?? '', /A1001/, 'values travel in the slots map, not in the summary text');

  assert.deepEqual(c.result(c.lastId('lookup'), SHIPPED), [], 'after the hand-off the bot is silent');
  assert.deepEqual(c.say('order_status'), []);
  assert.deepEqual(c.feel('angry', 'u-c'), []);
});

test('a late emotion soothes on the next reply, whatever that reply answers', () => {
  const c = new Conversation();
  c.start();
  c.say('order_status', { utterance: 'u-a', slots: { order_number: 'A1001' } });
  assert.deepEqual(c.feel('frustrated', 'u-a'), []);
  const reply = c.result(c.lastId('lookup'), SHIPPED);
  assert.deepEqual(reply, [`say: ${text('soothe')}`, SHIPPED_REPLY, `say: ${text('anything_else')}`]);
  // The soothing line went in front but kept its own id: ids stay unique and deterministic.
  assert.deepEqual(c.all.slice(-3).map((a) => a.actionId), ['ev-4:2', 'ev-4:0', 'ev-4:1']);
});

test('either arrival order of intent and emotion ends in the same decisions', () => {
  const run = (emotionFirst: boolean): string[] => {
    const c = new Conversation();
    const out: string[] = [...c.start()];
    for (const [i, intent] of ['order_status', 'out_of_scope'].entries()) {
      const u = `u-${i}`;
      const opts = { utterance: u, outOfScope: intent === 'out_of_scope' };
      if (emotionFirst) out.push(...c.feel('angry', u), ...c.say(intent, opts));
      else out.push(...c.say(intent, opts), ...c.feel('angry', u));
    }
    return out;
  };
  const a = run(true);
  const b = run(false);
  assert.ok(a.at(-1)?.startsWith('transfer ecommerce_support: sustained_negative_emotion'), a.join(' | '));
  assert.equal(b.at(-1), a.at(-1));
  assert.equal(a.filter((x) => x === `say: ${text('soothe')}`).length, 1);
  assert.equal(b.filter((x) => x === `say: ${text('soothe')}`).length, 1);
});

test('sustained means within the window: calm utterances in between push old anger out', () => {
  const c = new Conversation();
  c.start();
  c.feel('angry', 'u-1');
  c.feel('neutral', 'u-2');
  c.feel('neutral', 'u-3');
  assert.deepEqual(c.feel('angry', 'u-4'), [], 'window of 3: neutral, neutral, angry');
  assert.deepEqual(c.state.moods.map((m) => m.utterance), ['u-2', 'u-3', 'u-4']);
  // Re-scoring an utterance replaces its reading instead of counting it twice.
  assert.deepEqual(c.feel('angry', 'u-4'), []);
  // A low valence counts as negative whatever the label.
  assert.deepEqual(c.feel('neutral', 'u-5', -0.8), [`say: ${text('handoff')}`, 'transfer ecommerce_support: sustained_negative_emotion']);
});

test('thresholds are per tenant: premium_shop hands off on the first negative utterance', () => {
  const c = new Conversation(undefined, 'premium_shop');
  c.start();
  assert.deepEqual(c.feel('angry', 'u-1'), [`say: ${text('handoff')}`, 'transfer ecommerce_support: sustained_negative_emotion']);
  const other = new Conversation(undefined, 'another_shop');
  other.start();
  assert.deepEqual(other.feel('angry', 'u-1'), []);
});
