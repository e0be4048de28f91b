import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultRoutes, loadActionsConfigFile, parseActionsConfig } from '../../src/config/file-config';
import { WEBHOOK_DEFAULTS } from '../../src/webhook/webhook-connector';
import { CUSTOMERS_FILE, ORDERS_FILE } from '../fixtures';

const DEMO = join(__dirname, '..', '..', '..', 'config', 'demo.yaml');

function problems(raw: unknown): string {
  try {
    parseActionsConfig(raw, '/etc/sb');
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('expected the config to be refused');
}

test('the demo config resolves the pack files relative to itself', () => {
  const config = loadActionsConfigFile(DEMO);
  assert.equal(config.store.customersFile, CUSTOMERS_FILE);
  assert.equal(config.orders.file, ORDERS_FILE);
  assert.equal(config.store.dir, undefined);
  assert.deepEqual(config.routes, { create_ticket: 'store', update_crm: 'store', verify_identity: 'store', 'lookup.orders': 'orders' });
});

test('an empty config means the built-in store, in memory, and default routes', () => {
  const config = parseActionsConfig({}, '/etc/sb');
  assert.deepEqual(config, { store: { fsync: true }, orders: {}, webhooks: [] });
  assert.deepEqual(defaultRoutes(config), { create_ticket: 'store', update_crm: 'store', verify_identity: 'store' });
  assert.deepEqual(defaultRoutes(parseActionsConfig({ orders: { file: 'o.yaml' } }, '/etc/sb'))['lookup.orders'], 'orders');
});

test('webhook options get defaults; relative paths resolve against the config directory', () => {
  const config = parseActionsConfig({
    store: { dir: 'data' },
    webhooks: { helpdesk: { url: 'https://hd.example/hook', timeoutMs: 800, auth: { secretFile: 'secrets/hd' } } },
  }, '/etc/sb');
  assert.equal(config.store.dir, '/etc/sb/data');
  assert.deepEqual(config.webhooks, [{
    name: 'helpdesk', url: 'https://hd.example/hook', ...WEBHOOK_DEFAULTS, timeoutMs: 800,
    auth: { header: 'Authorization', secretFile: '/etc/sb/secrets/hd' },
  }]);
});

test('every problem is reported at once, naming its key and never its value', () => {
  const message = problems({
    stroe: {},
    store: { fsync: 'yes' },
    webhooks: {
      helpdesk: { url: 'ftp://user:hunter2@hd.example', timeoutMs: 0, retries: 3, kinds: ['create_ticket', 'say'], auth: { secretEnv: 'HD TOKEN', secretFile: '/x' } },
      store: { url: 'http://x.example' },
    },
    routes: { hang_up: 'helpdesk' },
  });
  for (const expected of [
    '(top level).stroe: unknown option (known: store, orders, webhooks, routes)',
    'store.fsync: must be true or false',
    'webhooks.helpdesk.url: must be an http or https URL',
    'webhooks.helpdesk.timeoutMs: must be an integer between 1 and 120000',
    'webhooks.helpdesk.retries: unknown option',
    'webhooks.helpdesk.kinds: must be a non-empty list of transfer_to_human, create_ticket, verify_identity, update_crm, lookup',
    'webhooks.helpdesk.auth: set exactly one of secretEnv, secretFile',
    'webhooks.helpdesk.auth.secretEnv: must be an environment variable name',
    'webhooks.store: the name is taken by a built-in connector',
    'routes.hang_up: hang_up is carried out by the gateway on the live call, not by a connector',
  ]) assert.ok(message.includes(expected), `missing: ${expected}\nin: ${message}`);
  assert.doesNotMatch(message, /hunter2/);
});

test('an unreadable file, or one that is not YAML, is named (with the line)', (t) => {
  assert.throws(() => loadActionsConfigFile(ORDERS_FILE.replace('orders.yaml', 'no-such.yaml')), /no-such\.yaml: cannot be read/);
  const dir = mkdtempSync(join(tmpdir(), 'sb-actions-config-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'routes:\n  create_ticket: store\n   update_crm: [store\n');
  assert.throws(() => loadActionsConfigFile(file), /bad\.yaml: not valid YAML or JSON \(line \d+\)/);
});
