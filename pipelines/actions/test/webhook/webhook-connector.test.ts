import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWebhookConnector, IDEMPOTENCY_HEADER, type WebhookOptions } from '../../src/webhook/webhook-connector';
import { capturedLogger, request, ticketCall } from '../fixtures';
import { closedPort, json, startWebhookServer } from './http-fixture';

/** A connector whose waits are recorded and skipped: backoff is asserted, never slept. */
function connector(url: string, extra: Partial<WebhookOptions> = {}) {
  const sleeps: number[] = [];
  const c = createWebhookConnector({
    name: 'helpdesk', url, timeoutMs: 2000, maxAttempts: 3, backoffBaseMs: 100, backoffMaxMs: 1000, retryAfterCapMs: 5000,
    logger: capturedLogger().logger, random: () => 0, sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); }, ...extra,
  });
  return { c, sleeps };
}

const keysSeen = (seen: ReadonlyArray<{ headers: Record<string, string | string[] | undefined> }>) =>
  seen.map((r) => r.headers[IDEMPOTENCY_HEADER.toLowerCase()]);

test('success: the action is POSTed as JSON with its id as Idempotency-Key; JSON string fields become the output', async (t) => {
  const server = await startWebhookServer(t, () => json(201, { ticket_number: 'HD-77', queue: 'returns', count: 3, nested: { a: 'b' } }));
  const { c, sleeps } = connector(server.url, { auth: { header: 'Authorization', value: 'Bearer s3cret' } });
  const outcome = await c.execute(request(ticketCall(), 'act-42', 'acme', 'call-9'));
  assert.deepEqual(outcome, { ok: true, output: { ticket_number: 'HD-77', queue: 'returns' } });
  assert.equal(server.seen.length, 1);
  const seen = server.seen[0]!;
  assert.equal(seen.method, 'POST');
  assert.equal(seen.headers['idempotency-key'], 'act-42');
  assert.equal(seen.headers.authorization, 'Bearer s3cret');
  assert.match(String(seen.headers['content-type']), /^application\/json/);
  assert.deepEqual(JSON.parse(seen.body), {
    kind: 'create_ticket', actionId: 'act-42', conversationId: 'call-9', tenantId: 'acme',
    fields: { subject: 'Broken earbuds', body: 'Left earbud does not charge', priority: 'high', fields: { order_number: '100231' } },
  });
  assert.deepEqual(sleeps, []);
});

test('5xx then success: retried after a backoff, with the same idempotency key both times', async (t) => {
  const server = await startWebhookServer(t, (n) => (n === 0 ? { status: 503 } : json(200, { ticket_number: 'HD-1' })));
  const { c, sleeps } = connector(server.url);
  const outcome = await c.execute(request(ticketCall(), 'act-retry'));
  assert.deepEqual(outcome, { ok: true, output: { ticket_number: 'HD-1' } });
  assert.deepEqual(keysSeen(server.seen), ['act-retry', 'act-retry']);
  assert.deepEqual(server.seen[0]!.body, server.seen[1]!.body, 'the same body is re-sent');
  assert.deepEqual(sleeps, [50], 'equal jitter with random()=0: half of the 100 ms first step');
});

test('timeout: an endpoint that never answers fails the attempt; attempts stop at the cap with reason timeout', async (t) => {
  const server = await startWebhookServer(t, () => 'hang');
  const { c, sleeps } = connector(server.url, { timeoutMs: 150, maxAttempts: 2 });
  const outcome = await c.execute(request(ticketCall(), 'act-slow'));
  assert.deepEqual(outcome, { ok: false, reason: 'timeout' });
  assert.deepEqual(keysSeen(server.seen), ['act-slow', 'act-slow']);
  assert.equal(sleeps.length, 1);
});

test('4xx other than 408/429 is final: no retry, reason from the status', async (t) => {
  const cases: Array<[number, string]> = [[400, 'invalid'], [422, 'invalid'], [401, 'unauthorized'], [403, 'unauthorized'], [404, 'not_found'], [409, 'rejected']];
  for (const [status, reason] of cases) {
    const server = await startWebhookServer(t, () => json(status, { error: 'nope' }));
    const { c, sleeps } = connector(server.url);
    assert.deepEqual(await c.execute(request(ticketCall())), { ok: false, reason }, `status ${status}`);
    assert.equal(server.seen.length, 1, `status ${status} is not retried`);
    assert.deepEqual(sleeps, []);
  }
});

test('retry cap: a failing endpoint gets maxAttempts requests with growing backoff, then unavailable', async (t) => {
  const server = await startWebhookServer(t, () => ({ status: 500 }));
  const { c, sleeps } = connector(server.url, { maxAttempts: 4, backoffBaseMs: 100, backoffMaxMs: 300, random: () => 0.5 });
  const outcome = await c.execute(request(ticketCall(), 'act-down'));
  assert.deepEqual(outcome, { ok: false, reason: 'unavailable' });
  assert.deepEqual(keysSeen(server.seen), ['act-down', 'act-down', 'act-down', 'act-down']);
  // Steps 100, 200, then capped at 300; each wait is 3/4 of its step with random()=0.5.
  assert.deepEqual(sleeps, [75, 150, 225]);
});

test('Retry-After on 429 is honoured, within the cap', async (t) => {
  const server = await startWebhookServer(t, (n) => (n === 0 ? { status: 429, headers: { 'retry-after': '2' } } : n === 1 ? { status: 503, headers: { 'retry-after': '3600' } } : json(200, {})));
  const { c, sleeps } = connector(server.url, { retryAfterCapMs: 4000 });
  const outcome = await c.execute(request(ticketCall(), 'act-busy'));
  assert.deepEqual(outcome, { ok: true, output: {} });
  assert.deepEqual(sleeps, [2000, 4000], 'Retry-After 2 s is waited; an hour is cut to the cap');
  assert.equal(server.seen.length, 3);
});

test('a network error (nothing listening) is retried and ends as unavailable', async () => {
  const { c, sleeps } = connector(`http://127.0.0.1:${await closedPort()}/hook`, { maxAttempts: 2 });
  assert.deepEqual(await c.execute(request(ticketCall())), { ok: false, reason: 'unavailable' });
  assert.equal(sleeps.length, 1);
});

test('a 2xx can report a business failure; a 2xx that is not a JSON object is a bad response', async (t) => {
  const server = await startWebhookServer(t, (n) => (n === 0
    ? json(200, { success: false, failureReason: 'rejected', verified: 'false' })
    : n === 1 ? json(200, { success: false, failureReason: 'no-such-code' }) : { status: 200, body: '<html>ok</html>' }));
  const { c } = connector(server.url);
  assert.deepEqual(await c.execute(request(ticketCall(), 'a')), { ok: false, reason: 'rejected', output: { verified: 'false' } });
  assert.deepEqual(await c.execute(request(ticketCall(), 'b')), { ok: false, reason: 'rejected', output: {} });
  assert.deepEqual(await c.execute(request(ticketCall(), 'c')), { ok: false, reason: 'bad_response' });
  assert.equal(server.seen.length, 3, 'none of these is retried');
});

test('an oversized response is refused rather than buffered', async (t) => {
  const server = await startWebhookServer(t, () => json(200, { blob: 'x'.repeat(5000) }));
  const { c } = connector(server.url, { maxResponseBytes: 1024 });
  assert.deepEqual(await c.execute(request(ticketCall())), { ok: false, reason: 'bad_response' });
});

test('logs name the connector, action id and status, never the URL, the secret or field values', async (t) => {
  const server = await startWebhookServer(t, (n) => (n < 2 ? { status: 502 } : json(200, { ticket_number: 'HD-9' })));
  const { logger, lines } = capturedLogger();
  const { c } = connector(`${server.url}?token=url-secret`, { logger, maxAttempts: 2, auth: { header: 'X-Api-Key', value: 'header-secret' } });
  assert.deepEqual(await c.execute(request(ticketCall('Customer Jane Roe at 12 Elm St'), 'act-log')), { ok: false, reason: 'unavailable' });
  assert.ok(lines.length >= 2, 'the retry and the give-up are logged');
  const all = lines.join('\n');
  assert.match(all, /act-log/);
  assert.match(all, /"status":502/);
  for (const secret of ['url-secret', 'header-secret', 'Jane Roe', '100231', '127.0.0.1']) assert.ok(!all.includes(secret), `log must not contain ${secret}`);
});
