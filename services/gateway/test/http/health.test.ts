// /healthz, /readyz and the Prometheus counters after real calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { playSimulatedCall } from '../../src/index';
import { startTestGateway } from '../helpers/gateway-fixture';
import { metricValue } from '../helpers/wait-for';

void test('healthz and readyz answer once connected', async (t) => {
  const fx = await startTestGateway(t);
  assert.deepEqual(await fx.http('/healthz'), { status: 200, body: '{"status":"ok"}' });
  const ready = await fx.http('/readyz');
  assert.equal(ready.status, 200);
  assert.deepEqual(JSON.parse(ready.body), { ready: true, liveCalls: 0 });
});

void test('metrics show live calls, frames, drops, publish latency and rejections by code', async (t) => {
  const fx = await startTestGateway(t);
  const calls = await Promise.all([1, 2, 3].map((i) => playSimulatedCall(fx.client, { callId: `metrics-${i}`, tenantId: 'acme', frames: 10 + i, paceMs: 0 })));
  assert.deepEqual(calls.map((c) => c.status.code), [0, 0, 0]);
  const bad = fx.client.openStream();
  bad.hangup();
  await bad.status;

  const res = await fx.http('/metrics');
  assert.equal(res.status, 200);
  const m = res.body;
  assert.equal(metricValue(m, 'sb_gateway_live_calls'), 0);
  assert.equal(metricValue(m, 'sb_gateway_frames_in_total'), 11 + 12 + 13);
  assert.equal(metricValue(m, 'sb_gateway_frames_published_total'), 11 + 12 + 13);
  assert.equal(metricValue(m, 'sb_gateway_frames_dropped_total'), 0);
  assert.equal(metricValue(m, 'sb_gateway_pending_frames'), 0);
  assert.ok((metricValue(m, 'sb_gateway_publish_latency_ms_count') ?? 0) > 0);
  assert.match(m, /^sb_gateway_publish_latency_ms_bucket\{le="\+Inf"\} \d+$/m);
  assert.equal(metricValue(m, 'sb_gateway_rejected_streams_total{code="INVALID_ARGUMENT"}'), 1);
  assert.equal(metricValue(m, 'sb_gateway_calls_ended_total{reason="END_REASON_CALLER_HANGUP"}'), 3);
  assert.match(m, /^# TYPE sb_gateway_publish_latency_ms histogram$/m);
});
