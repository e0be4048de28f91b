// Draining: live calls that outlast GATEWAY_DRAIN_TIMEOUT_MS end with SHUTDOWN, every accepted
// frame still published; and the real process exits 0 on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { EndReason } from '@switchboard/contracts';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { topicNames } from '@switchboard/runtime';
import { MediaIngestClient } from '../../src/index';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway } from '../helpers/gateway-fixture';
import { ofConversation, readTopics } from '../helpers/kafka-reader';
import { metricValue, waitFor } from '../helpers/wait-for';

void test('drain deadline: a call still live is ended with SHUTDOWN and the stream gets UNAVAILABLE', async (t) => {
  const fx = await startTestGateway(t, { GATEWAY_DRAIN_TIMEOUT_MS: '300' });
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  for (let seq = 1; seq <= 9; seq++) stream.audio(seq, g711Frame(seq));
  await waitFor('9 frames in', async () => (metricValue((await fx.http('/metrics')).body, 'sb_gateway_frames_in_total') === 9 ? true : undefined));
  await fx.gateway.stop();
  const s = await stream.status;
  assert.equal(s.code, status.UNAVAILABLE);
  assert.match(s.details, /shutting down/);
  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  const ended = ofConversation(records, fx.topics.calls, conversationId).at(-1)!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_SHUTDOWN);
  assert.equal(ended.audioFrames, 9);
  assert.equal(ofConversation(records, fx.topics.audio, conversationId).reduce((n, r) => n + r.envelope.audio!.frameCount, 0), 9);
});

void test('SIGTERM: the process drains, ends the live call with SHUTDOWN and exits 0', async (t) => {
  const prefix = `${uniqueName('gw_proc')}.`;
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'src', 'main.js')], {
    env: {
      PATH: process.env.PATH, KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'), NATS_URL: requireEnv('NATS_URL'), KAFKA_TOPIC_PREFIX: prefix,
      GATEWAY_GRPC_PORT: '0', GATEWAY_HTTP_PORT: '0', GATEWAY_BIND_HOST: '127.0.0.1', GATEWAY_DRAIN_TIMEOUT_MS: '500', GATEWAY_VOICE: 'none', LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const grpcPort = await waitFor('the gateway to listen', () => {
    const m = /"msg":"gateway listening","grpcPort":(\d+)/.exec(stderr);
    return m ? Number(m[1]) : undefined;
  });
  const client = new MediaIngestClient(`127.0.0.1:${grpcPort}`);
  t.after(() => { client.close(); });
  const stream = client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  // Read well before the drain deadline (500 ms): the stream is served while draining.
  for (let seq = 1; seq <= 4; seq++) stream.audio(seq, g711Frame(seq));
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const s = await stream.status;
  assert.equal(s.code, status.UNAVAILABLE);
  const [code] = (await exited) as [number | null];
  assert.equal(code, 0, stderr);
  const topics = topicNames(prefix);
  const calls = ofConversation(await readTopics([requireEnv('KAFKA_BROKERS')], [topics.calls]), topics.calls, conversationId);
  assert.deepEqual(calls.map((r) => r.eventType), ['callStarted', 'callAnswered', 'callEnded']);
  assert.equal(calls[2]!.envelope.callEnded!.reason, EndReason.END_REASON_SHUTDOWN);
  assert.equal(calls[2]!.envelope.callEnded!.audioFrames, 4);
});
