// Actions published on the call's NATS control subject reach the media stream.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { status } from '@grpc/grpc-js';
import { Codec, EndReason, type Action } from '@switchboard/contracts';
import { createLogger, NatsControlPlane, newEnvelope } from '@switchboard/runtime';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway } from '../helpers/gateway-fixture';
import { ofConversation, readTopics } from '../helpers/kafka-reader';
import { metricValue } from '../helpers/wait-for';

async function dialogueSide(t: TestContext, natsUrl: string): Promise<(conversationId: string, action: Action, tenantId?: string) => Promise<void>> {
  const nats = await NatsControlPlane.connect(natsUrl, createLogger('test-dialogue', 'warn'), { name: 'gateway-test-dialogue' });
  t.after(() => nats.close());
  return (conversationId, action, tenantId = 'acme') =>
    nats.publishToCall(newEnvelope({ tenantId, conversationId, source: 'dialogue' }, 'action', action));
}

void test('say → PlayAudio, ask → PlayAudio, transfer → TransferCall; other actions and tenants are ignored', async (t) => {
  const fx = await startTestGateway(t);
  const publish = await dialogueSide(t, fx.natsUrl);
  const stream = fx.client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());

  // Not for the media side, and not this call's tenant: both must be skipped, and the say behind
  // them must be the next thing the stream receives.
  await publish(conversationId, { actionId: 'a-ticket', createTicket: { subject: 's', body: 'b', priority: 'low', fields: {} } });
  await publish(conversationId, { actionId: 'a-foreign', say: { text: 'not yours', language: 'en', bargeInAllowed: false, promptId: '' } }, 'other-tenant');
  await publish(conversationId, { actionId: 'a-say', say: { text: 'Hello, how can I help?', language: 'en', bargeInAllowed: true, promptId: 'greeting' } });
  assert.deepEqual(await stream.next(), {
    play: { actionId: 'a-say', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, audio: Buffer.alloc(0), chunkIndex: 0, last: true, bargeInAllowed: true },
  });

  await publish(conversationId, { actionId: 'a-ask', ask: { text: 'Your order number?', language: 'en', slot: 'order' } });
  assert.equal((await stream.next())?.play?.actionId, 'a-ask');

  await publish(conversationId, { actionId: 'a-transfer', transferToHuman: { queue: 'billing', reason: 'asked', summary: 'wants a refund', slots: { order: '42' } } });
  assert.deepEqual(await stream.next(), { transfer: { actionId: 'a-transfer', queue: 'billing', summary: 'wants a refund', context: { order: '42' } } });

  stream.hangup();
  stream.end();
  assert.equal((await stream.status).code, status.OK);
  const relayed = (await fx.http('/metrics')).body;
  assert.equal(metricValue(relayed, 'sb_gateway_actions_relayed_total{kind="say"}'), 1);
  assert.equal(metricValue(relayed, 'sb_gateway_actions_relayed_total{kind="transferToHuman"}'), 1);
});

void test('hangUp → HangupCall, the stream ends OK, CallEnded BOT_HANGUP, live calls back to 0', async (t) => {
  const fx = await startTestGateway(t);
  const publish = await dialogueSide(t, fx.natsUrl);
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
