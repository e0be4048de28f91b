import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { BuiltinStore } from '../../src/store/builtin-store';
import { loadCustomersFile } from '../../src/store/identity';
import { JOURNAL_FILE, memoryJournal, type Journal } from '../../src/store/journal';
import { capturedLogger, crmCall, CUSTOMERS_FILE, lookupCall, request, ticketCall, verifyCall } from '../fixtures';

const quiet = () => capturedLogger().logger;

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'sb-actions-store-'));
  t.after(() => { rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

const journalLines = (dir: string): number => readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n').filter((l) => l !== '').length;

test('create_ticket: a redelivered action returns the same ticket and creates no second one', async () => {
  const journal = memoryJournal();
  const store = await BuiltinStore.open({ journal, logger: quiet() });
  const first = await store.execute(request(ticketCall(), 'act-1'));
  assert.ok(first.ok);
  const number = first.output.ticket_number!;
  assert.match(number, /^T-[0-9A-Z]{8}$/);
  assert.equal(first.output.priority, 'high');
  assert.deepEqual(await store.execute(request(ticketCall(), 'act-1')), first);
  assert.equal(journal.entries.length, 1, 'executed once');
  const ticket = store.ticket('t1', number);
  assert.equal(ticket?.subject, 'Broken earbuds');
  assert.equal(ticket.conversationId, 'conv-1');
  assert.deepEqual(ticket.fields, { order_number: '100231' });

  const other = await store.execute(request(ticketCall(), 'act-2'));
  assert.ok(other.ok);
  assert.notEqual(other.output.ticket_number, number, 'another action is another ticket');
});

test('two deliveries of one action at the same time execute it once', async () => {
  const journal = memoryJournal();
  const store = await BuiltinStore.open({ journal, logger: quiet() });
  const [a, b] = await Promise.all([store.execute(request(ticketCall(), 'act-1')), store.execute(request(ticketCall(), 'act-1'))]);
  assert.deepEqual(a, b);
  assert.equal(journal.entries.length, 1);
});

test('update_crm merges fields per customer; an empty value removes a field; invalid requests are refused', async () => {
  const store = await BuiltinStore.open({ logger: quiet() });
  assert.deepEqual(await store.execute(request(crmCall('C-1001', { tier: 'gold', last_topic: 'refund' }), 'u1')), { ok: true, output: { customer_ref: 'C-1001', updated_fields: '2' } });
  await store.execute(request(crmCall('C-1001', { last_topic: '', callback: 'tomorrow' }), 'u2'));
  assert.deepEqual(store.crmFields('t1', 'C-1001'), { tier: 'gold', callback: 'tomorrow' });
  assert.equal(store.crmFields('other-tenant', 'C-1001'), undefined, 'tenants are kept apart');
  assert.deepEqual(await store.execute(request(crmCall('', { a: 'b' }), 'u3')), { ok: false, reason: 'invalid', output: {} });
  assert.deepEqual(await store.execute(request(crmCall('C-1', {}), 'u4')), { ok: false, reason: 'invalid', output: {} });
  assert.deepEqual(await store.execute(request(ticketCall('  '), 'u5')), { ok: false, reason: 'invalid', output: {} });
});

test('recovery from the file: tickets, CRM fields and results survive a restart; a redelivery appends nothing', async (t) => {
  const dir = tempDir(t);
  const customers = loadCustomersFile(CUSTOMERS_FILE);
  const before = await BuiltinStore.open({ dir, customers, logger: quiet() });
  const ticket = await before.execute(request(ticketCall(), 'act-1'));
  assert.ok(ticket.ok);
  await before.execute(request(crmCall('C-1001', { tier: 'gold' }), 'act-2'));
  await before.execute(request(crmCall('C-1001', { note: 'called twice' }), 'act-3'));
  const verified = await before.execute(request(verifyCall('pin', { customer_ref: 'C-1001', pin: '4321' }), 'act-4'));
  assert.ok(verified.ok);
  await before.close();
  assert.equal(journalLines(dir), 4);

  const after = await BuiltinStore.open({ dir, customers, logger: quiet() });
  t.after(() => after.close());
  assert.equal(after.actionCount, 4);
  assert.deepEqual(await after.execute(request(ticketCall(), 'act-1')), ticket);
  assert.deepEqual(await after.execute(request(verifyCall('pin', { customer_ref: 'C-1001', pin: '4321' }), 'act-4')), verified);
  assert.deepEqual(after.crmFields('t1', 'C-1001'), { tier: 'gold', note: 'called twice' });
  assert.equal(after.ticket('t1', ticket.output.ticket_number ?? '')?.subject, 'Broken earbuds');
  assert.equal(journalLines(dir), 4, 'redeliveries after the restart appended nothing');
});

test('a journal that cannot be written answers unavailable and applies nothing, so a redelivery executes afresh', async () => {
  const inner = memoryJournal();
  let failNext = true;
  const flaky: Journal = {
    entries: inner.entries,
    append: (e) => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('ENOSPC: no space left on device'));
      }
      return inner.append(e);
    },
    close: () => inner.close(),
  };
  const store = await BuiltinStore.open({ journal: flaky, logger: quiet() });
  assert.deepEqual(await store.execute(request(ticketCall(), 'act-1')), { ok: false, reason: 'unavailable' });
  assert.equal(store.actionCount, 0);
  const retried = await store.execute(request(ticketCall(), 'act-1'));
  assert.ok(retried.ok);
  assert.equal(inner.entries.length, 1);
});

test('kinds the store does not execute are invalid; unknown journal entries are skipped at recovery', async () => {
  const journal = memoryJournal();
  await journal.append({ something: 'else' });
  const { logger, lines } = capturedLogger();
  const store = await BuiltinStore.open({ journal, logger });
  assert.match(lines.join('\n'), /"skipped":1/);
  assert.deepEqual(await store.execute(request(lookupCall('orders', 'order_status', {}))), { ok: false, reason: 'invalid' });
});
