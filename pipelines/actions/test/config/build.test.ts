import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { buildConnectors } from '../../src/config/build';
import { parseActionsConfig } from '../../src/config/file-config';
import { resolveWebhookAuth } from '../../src/config/secret';
import { capturedLogger, CUSTOMERS_FILE, lookupCall, ORDERS_FILE, request, ticketCall } from '../fixtures';
import { json, startWebhookServer } from '../webhook/http-fixture';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-actions-build-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

test('secrets come from an environment variable or a file; problems name the variable, never the value', (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'token');
  writeFileSync(file, 'file-token\n');
  const problems: string[] = [];
  assert.deepEqual(resolveWebhookAuth({ header: 'Authorization', scheme: 'Bearer', secretEnv: 'HD_TOKEN' }, { HD_TOKEN: 'env-token' }, 'a', problems), { header: 'Authorization', value: 'Bearer env-token' });
  assert.deepEqual(resolveWebhookAuth({ header: 'X-Key', secretFile: file }, {}, 'b', problems), { header: 'X-Key', value: 'file-token' });
  assert.deepEqual(problems, []);
  resolveWebhookAuth({ header: 'X-Key', secretEnv: 'HD_TOKEN' }, {}, 'webhooks.hd.auth', problems);
  resolveWebhookAuth({ header: 'X-Key', secretFile: join(dir, 'missing') }, {}, 'webhooks.hd.auth', problems);
  assert.deepEqual(problems, [
    'webhooks.hd.auth.secretEnv: environment variable HD_TOKEN is not set',
    'webhooks.hd.auth.secretFile: cannot read the file it names',
  ]);
});

test('the built router sends tickets to a webhook (with its secret) and order lookups to the orders file', async (t) => {
  const server = await startWebhookServer(t, () => json(200, { ticket_number: 'HD-5' }));
  const config = parseActionsConfig({
    orders: { file: ORDERS_FILE },
    store: { customersFile: CUSTOMERS_FILE },
    webhooks: { helpdesk: { url: server.url, auth: { secretEnv: 'HD_TOKEN', scheme: 'Bearer' } } },
    routes: { create_ticket: 'helpdesk', verify_identity: 'store', 'lookup.orders': 'orders' },
  }, '/');
  const { logger, lines } = capturedLogger();
  const built = await buildConnectors(config, { env: { HD_TOKEN: 'tok-123' }, logger });
  t.after(() => built.close());
  assert.deepEqual(await built.router.route(ticketCall())?.execute(request(ticketCall())), { ok: true, output: { ticket_number: 'HD-5' } });
  assert.equal(server.seen[0]?.headers.authorization, 'Bearer tok-123');
  const status = await built.router.route(lookupCall('orders', 'order_status', {}))?.execute(request(lookupCall('orders', 'order_status', { order_number: 'SB20260233' })));
  assert.equal(status?.ok === true ? status.output.status : '', 'out_for_delivery');
  assert.equal(built.store?.name, 'store');
  assert.ok(!lines.join('\n').includes('tok-123'), 'the secret is never logged');
});

test('a bad routing table or a missing secret fails before the store directory is created', async (t) => {
  const dir = join(tempDir(t), 'journal');
  const badRoute = parseActionsConfig({ store: { dir }, routes: { create_ticket: 'helpdesk' } }, '/');
  await assert.rejects(buildConnectors(badRoute, { logger: capturedLogger().logger }), /routes\.create_ticket: no connector named "helpdesk"/);
  const noSecret = parseActionsConfig({
    store: { dir },
    webhooks: { helpdesk: { url: 'http://127.0.0.1:9/hook', auth: { secretEnv: 'HD_TOKEN' } } },
    routes: { create_ticket: 'helpdesk', update_crm: 'store' },
  }, '/');
  await assert.rejects(buildConnectors(noSecret, { env: {}, logger: capturedLogger().logger }), /webhooks\.helpdesk\.auth\.secretEnv: environment variable HD_TOKEN is not set/);
  assert.ok(!existsSync(dir));
});

test('ACTIONS_STORE_DIR (storeDir) overrides the file and makes the store persistent', async (t) => {
  const dir = join(tempDir(t), 'journal');
  const built = await buildConnectors(parseActionsConfig({}, '/'), { storeDir: dir, logger: capturedLogger().logger });
  await built.router.route(ticketCall())?.execute(request(ticketCall()));
  await built.close();
  assert.ok(existsSync(join(dir, 'store.jsonl')));
});
