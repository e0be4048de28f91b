import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOrdersConnector, loadOrdersFile, parseOrders } from '../../src/store/orders';
import { lookupCall, ORDERS_FILE, request } from '../fixtures';

const orders = loadOrdersFile(ORDERS_FILE);
const connector = createOrdersConnector(orders);
const ask = (params: Record<string, string>, operation = 'order_status') => connector.execute(request(lookupCall('orders', operation, params)));

test('the pack orders file holds ten valid demo orders', () => {
  assert.equal(orders.length, 10);
  assert.ok(new Set(orders.map((o) => o.status)).size >= 4, 'a variety of statuses to talk about');
});

test('order_status answers from the file, matching the number however it was said', async () => {
  assert.deepEqual(await ask({ order_number: 'sb 2026 0231' }), {
    ok: true,
    output: { order_number: 'SB20260231', status: 'shipped', status_en: 'shipped', status_zh: '已发货', carrier: 'UPS', eta: '2026-11-28', items: '1 x Wireless earbuds, 2 x USB-C charging cable', item_count: '3' },
  });
  const cancelled = await ask({ order_number: 'SB-2026-0235' });
  assert.ok(cancelled.ok);
  assert.equal(cancelled.output.status, 'cancelled');
  assert.equal(cancelled.output.status_en, 'cancelled');
  assert.equal(cancelled.output.eta, '', 'absent fields are empty strings');
});

test('unknown orders are not_found; a missing number or another operation is invalid', async () => {
  assert.deepEqual(await ask({ order_number: '999999' }), { ok: false, reason: 'not_found' });
  assert.deepEqual(await ask({}), { ok: false, reason: 'invalid' });
  assert.deepEqual(await ask({ order_number: 'SB20260231' }, 'refund'), { ok: false, reason: 'invalid' });
});

test('orders data problems name the entry and key', () => {
  const bad = { orders: [
    { number: 'A1', status: 'lost', items: [{ name: 'Mug' }] },
    { number: 'a-1', status: 'shipped', eta: 'next week', items: [] },
    { status: 'shipped', items: [{ name: 'Cup', quantity: 0 }] },
  ] };
  assert.throws(() => parseOrders(bad, 'o.yaml'), (err: Error) => {
    assert.match(err.message, /o\.yaml: orders\[0\]\.status: must be one of processing, shipped/);
    assert.match(err.message, /orders\[1\]\.eta: must be a date YYYY-MM-DD/);
    assert.match(err.message, /orders\[1\]\.items: must be a non-empty list/);
    assert.match(err.message, /orders\[1\]\.number: duplicate order number/);
    assert.match(err.message, /orders\[2\]\.number: required/);
    assert.match(err.message, /orders\[2\]\.items\[0\]\.quantity: must be a positive integer/);
    return true;
  });
});
