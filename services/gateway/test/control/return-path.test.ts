// Actions published on the call's NATS control subject reach the media stream: speech as paced
// PlayAudio chunks (a 200 ms tone voice here), transfers and hang-ups after what is ahead of them.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { status } from '@grpc/grpc-js';
import { Codec, EndReason, type Action } from '@switchboard/contracts';
import { createLogger, NatsControlPlane, newEnvelope } from '@switchboard/runtime';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway } from '../helpers/gateway-fixture';
import { ofConversation, readTopics } from '../helpers/kafka-reader';
import { metricValue } from '../helpers/wait-for';

async function dialogueSide(t: TestContext, natsUrl: string, prefix: string): Promise<(conversationId: string, action: Action, tenantId?: string) => Promise<void>> {
  // The pipelines publish under the deployment's prefix, the one the gateway subscribes with.
  const nats = await NatsControlPlane.connect(natsUrl, createLogger('test-dialogue', 'warn'), { name: 'gateway-test-dialogue', prefix });
  t.after(() => nats.close());
  return (conversationId, action, tenantId = 'acme') =>
    nats.publishToCall(newEnvelope({ tenantId, conversationId, source: 'dialogue' }, 'action', action));
}

void test('say → paced PlayAudio, ask → PlayAudio, transfer → TransferCall after them and the call ends TRANSFERRED; other actions and tenants are ignored', async (t) => {
  const fx = await startTestGateway(t);
  const publish = await dialogueSide(t, fx.natsUrl, fx.config.topicPrefix);
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());

  // Not for the media side, and not this call's tenant: both must be skipped, and the say behind
  // them must be the first thing the stream receives.
  await publish(conversationId, { actionId: 'a-ticket', createTicket: { subject: 's', body: 'b', priority: 'low', fields: {} } });
  await publish(conversationId, { actionId: 'a-foreign', say: { text: 'not yours', language: 'en', bargeInAllowed: false, promptId: '' } }, 'other-tenant');
  await publish(conversationId, { actionId: 'a-say', say: { text: 'Hello, how can I help?', language: 'en', bargeInAllowed: true, promptId: 'greeting' } });
  await publish(conversationId, { actionId: 'a-ask', ask: { text: 'Your order number?', language: 'en', slot: 'order' } });
  await publish(conversationId, { actionId: 'a-transfer', transferToHuman: { queue: 'billing', reason: 'asked', summary: 'wants a refund', slots: { order: '42' } } });

  const received = [];
  for (let m = await stream.next(); m !== undefined; m = await stream.next()) received.push(m);
  // 200 ms of speech each: two 100 ms chunks of 800 bytes, the second one last; then the transfer.
  assert.deepEqual(received.map((m) => (m.play ? `${m.play.actionId}#${m.play.chunkIndex}:${m.play.audio.length}${m.play.last ? ':last' : ''}` : Object.keys(m)[0])), [
    'a-say#0:800', 'a-say#1:800:last', 'a-ask#0:800', 'a-ask#1:800:last', 'transfer',
  ]);
  assert.ok(received.every((m) => m.play === undefined || (m.play.codec === Codec.CODEC_PCMU && m.play.sampleRateHz === 8000 && m.play.bargeInAllowed)));
  assert.deepEqual(received.at(-1), { transfer: { actionId: 'a-transfer', queue: 'billing', summary: 'wants a refund', context: { order: '42' } } });
  assert.equal((await stream.status).code, status.OK, 'the bot part of the call is over once it is transferred');

  const records = await readTopics(fx.brokers, [fx.topics.calls]);
  const ended = ofConversation(records, fx.topics.calls, conversationId).at(-1)?.envelope.callEnded;
  assert.equal(ended?.reason, EndReason.END_REASON_TRANSFERRED);
  assert.equal(ended.detail, 'to billing');
  const relayed = (await fx.http('/metrics')).body;
  assert.equal(metricValue(relayed, 'sb_gateway_actions_relayed_total{kind="say"}'), 1);
  assert.equal(metricValue(relayed, 'sb_gateway_actions_relayed_total{kind="transferToHuman"}'), 1);
  assert.equal(metricValue(relayed, 'sb_gateway_calls_ended_total{reason="END_REASON_TRANSFERRED"}'), 1);
});

void test('hangUp → HangupCall, the stream ends OK, CallEnded BOT_HANGUP, live calls back to 0', async (t) => {
  const fx = await startTestGateway(t);
  const publish = await dialogueSide(t, fx.natsUrl, fx.config.topicPrefix);
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  for (let seq = 1; seq <= 6; seq++) stream.audio(seq, g711Frame(seq));
  await publish(conversationId, { actionId: 'a-bye', hangUp: { reason: 'goodbye' } });
  assert.deepEqual(await stream.next(), { hangup: { actionId: 'a-bye', reason: 'goodbye' } });
  assert.equal(await stream.next(), undefined, 'the stream ends after HangupCall');
  const s = await stream.status;
  assert.equal(s.code, status.OK, s.details);

  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  const calls = ofConversation(records, fx.topics.calls, conversationId);
  assert.deepEqual(calls.map((r) => r.eventType), ['callStarted', 'callAnswered', 'callEnded']);
  const ended = calls[2]!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_BOT_HANGUP);
  assert.equal(ended.detail, 'goodbye');
  // Every frame read before the hang-up is in the log and counted.
  const frames = ofConversation(records, fx.topics.audio, conversationId).reduce((n, r) => n + r.envelope.audio!.frameCount, 0);
  assert.equal(ended.audioFrames, frames);

  const metrics = (await fx.http('/metrics')).body;
  assert.equal(metricValue(metrics, 'sb_gateway_live_calls'), 0);
  assert.equal(metricValue(metrics, 'sb_gateway_actions_relayed_total{kind="hangUp"}'), 1);
  assert.equal(metricValue(metrics, 'sb_gateway_calls_ended_total{reason="END_REASON_BOT_HANGUP"}'), 1);
});
