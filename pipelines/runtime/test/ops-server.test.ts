import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry, Counter } from 'prom-client';
import { startOpsServer } from '../src/ops-server';

void test('/healthz, /readyz follow readiness, /metrics serves the registry', async (t) => {
  const registry = new Registry();
  new Counter({ name: 'warehouse_test_total', help: 'x', registers: [registry] }).inc(3);
  let ready = false;
  const server = await startOpsServer({ port: 0, registry, isReady: () => ready });
  t.after(() => server.close());
  const get = (path: string): Promise<Response> => fetch(`http://127.0.0.1:${server.port}${path}`);
  assert.equal((await get('/healthz')).status, 200);
  assert.equal((await get('/readyz')).status, 503);
  ready = true;
  assert.equal((await get('/readyz')).status, 200);
  const metrics = await get('/metrics');
  assert.equal(metrics.status, 200);
  assert.match(await metrics.text(), /warehouse_test_total 3/);
  assert.equal((await get('/nope')).status, 404);
});

void test('/healthz answers the service health as JSON when given', async (t) => {
  let live = 2;
  const server = await startOpsServer({ port: 0, registry: new Registry(), isReady: () => true, health: () => ({ status: 'ok', liveCalls: live }) });
  t.after(() => server.close());
  const get = async (): Promise<unknown> => (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json();
  assert.deepEqual(await get(), { status: 'ok', liveCalls: 2 });
  live = 0;
  assert.deepEqual(await get(), { status: 'ok', liveCalls: 0 });
});
