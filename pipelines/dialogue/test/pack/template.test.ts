import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate, renderTemplate } from '../../src/pack/template';

test('placeholders are parsed once and filled from values', () => {
  const t = parseTemplate('Order {order_number} is {status}; {status} again.');
  assert.ok(!('error' in t));
  assert.deepEqual(t.vars, ['order_number', 'status']);
  const r = renderTemplate(t.parts, (n) => ({ order_number: 'A1', status: 'shipped' })[n]);
  assert.equal(r.text, 'Order A1 is shipped; shipped again.');
  assert.deepEqual(r.missing, []);
});

test('Chinese text around placeholders is kept as is', () => {
  const t = parseTemplate('您的订单 {order_number} 已发货。');
  assert.ok(!('error' in t));
  assert.equal(renderTemplate(t.parts, () => 'B2').text, '您的订单 B2 已发货。');
});

test('a missing value renders empty and is reported by name', () => {
  const t = parseTemplate('ETA: {eta}.');
  assert.ok(!('error' in t));
  assert.deepEqual(renderTemplate(t.parts, () => undefined), { text: 'ETA: .', missing: ['eta'] });
});

test('stray braces and bad names are errors with the character position', () => {
  assert.deepEqual(parseTemplate('a } b'), { error: '"}" at character 3 closes no placeholder' });
  assert.deepEqual(parseTemplate('a {Order} b'), { error: '"{" at character 3 does not start a placeholder like {order_number}' });
  assert.deepEqual(parseTemplate('open {'), { error: '"{" at character 6 does not start a placeholder like {order_number}' });
  assert.deepEqual(parseTemplate('{}'), { error: '"{" at character 1 does not start a placeholder like {order_number}' });
});
