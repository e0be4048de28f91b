import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failed, type Connector } from '../src/connector';
import type { ConnectorKind } from '../src/kinds';
import { createRouter, parseRoutes } from '../src/routing';
import { lookupCall, ticketCall } from './fixtures';

const fake = (name: string, kinds: ConnectorKind[]): Connector => ({ name, kinds: new Set(kinds), execute: () => Promise.resolve(failed('internal')) });
const store = fake('store', ['create_ticket', 'update_crm', 'verify_identity']);
const orders = fake('orders', ['lookup']);

function problemsOf(raw: unknown): string[] {
  const problems: string[] = [];
  parseRoutes(raw, 'routes', problems);
  return problems;
}

test('a valid table routes kinds, and lookups by their connector name', () => {
  const router = createRouter({ create_ticket: 'store', 'lookup.orders': 'orders' }, [store, orders]);
  assert.equal(router.route(ticketCall())?.name, 'store');
  assert.equal(router.route(lookupCall('orders', 'order_status', {}))?.name, 'orders');
  assert.equal(router.route(lookupCall('crm', 'plan', {})), undefined, 'an unrouted lookup has no connector');
  assert.equal(router.route({ kind: 'update_crm', body: { customerRef: 'C', fields: {} } }), undefined, 'an unrouted kind has none');
});

test('shape problems name the key: gateway kinds, bare lookup, unknown kinds, bad names', () => {
  assert.deepEqual(problemsOf({ say: 'store' }), ['routes.say: say is carried out by the gateway on the live call, not by a connector']);
  assert.deepEqual(problemsOf({ lookup: 'orders' }), ['routes.lookup: lookups are routed per connector name, as lookup.<name> (e.g. lookup.orders)']);
  assert.match(problemsOf({ create_tickets: 'store' })[0] ?? '', /^routes\.create_tickets: not an action kind a connector executes \(transfer_to_human, create_ticket, verify_identity, update_crm, lookup\.<name>\)$/);
  assert.match(problemsOf({ 'lookup.Bad Name': 'orders' })[0] ?? '', /^routes\.lookup\.Bad Name: the lookup connector name must be/);
  assert.match(problemsOf({ create_ticket: 42 })[0] ?? '', /^routes\.create_ticket: must be a connector name/);
  assert.deepEqual(problemsOf(['create_ticket']), ['routes: must be a mapping of action kind to connector name']);
  assert.deepEqual(problemsOf(undefined), []);
});

test('createRouter refuses unknown connectors, connectors that cannot serve the kind, and duplicate names, all at once', () => {
  assert.throws(
    () => createRouter({ create_ticket: 'helpdesk', 'lookup.orders': 'store', verify_identity: 'store' }, [store, orders, fake('orders', ['lookup'])]),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'CONFIG_INVALID');
      assert.match(err.message, /routes\.create_ticket: no connector named "helpdesk" \(known: store, orders\)/);
      assert.match(err.message, /routes\.lookup\.orders: connector "store" does not execute lookup \(it executes create_ticket, update_crm, verify_identity\)/);
      assert.match(err.message, /connectors: two connectors are named "orders"/);
      assert.doesNotMatch(err.message, /verify_identity:/, 'the valid route is not reported');
      return true;
    },
  );
});
