// Draining: live calls that outlast GATEWAY_DRAIN_TIMEOUT_MS end with SHUTDOWN, every accepted
// frame still published; and the real process exits 0 on SIGTERM.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { EndReason } from '@switchboard/contracts';
import { requireEnv } from '@switchboard/testkit';
import { topicNames } from '@switchboard/runtime';
import { MediaIngestClient } from '../../src/index';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway } from '../helpers/gateway-fixture';
import { startGatewayProcess } from '../helpers/gateway-process';
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
  const { child, prefix, grpcPort, stderr } = await startGatewayProcess(t, { GATEWAY_DRAIN_TIMEOUT_MS: '500', GATEWAY_VOICE: 'none' });
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
  assert.equal(code, 0, stderr());
  const topics = topicNames(prefix);
  const calls = ofConversation(await readTopics([requireEnv('KAFKA_BROKERS')], [topics.calls]), topics.calls, conversationId);
  assert.deepEqual(calls.map((r) => r.eventType), ['callStarted', 'callAnswered', 'callEnded']);
  assert.equal(calls[2]!.envelope.callEnded!.reason, EndReason.END_REASON_SHUTDOWN);
  assert.equal(calls[2]!.envelope.callEnded!.audioFrames, 4);
});
