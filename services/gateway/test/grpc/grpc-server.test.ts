// The node:http2 media server at the protocol level, on a real gateway with real Kafka and NATS:
// requests that are not MediaIngest.Stream, messages that cannot be read (each with its gRPC
// status, nothing published for them), and a peer whose network vanishes (keepalive ends its
// call STREAM_LOST). The well-behaved paths run through grpc-js clients in the other tests.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { EndReason } from '@switchboard/contracts';
import { acceptedCall, g711Frame, startMessage } from '../helpers/calls';
import { startTestGateway, type GatewayFixture } from '../helpers/gateway-fixture';
import { ofConversation, readTopics } from '../helpers/kafka-reader';
import { framed, grpcStatusOf, openRawCall, rawSession, startRelay } from '../helpers/raw-grpc';
import { metricValue, waitFor } from '../helpers/wait-for';
import { MediaIngestClient } from '../../src/index';

const metric = async (fx: GatewayFixture, sample: string): Promise<number | undefined> => metricValue((await fx.http('/metrics')).body, sample);

void test('a request that is not gRPC gets HTTP 415; an unknown method gets UNIMPLEMENTED; a compressed stream gets UNIMPLEMENTED', async (t) => {
  const fx = await startTestGateway(t);
  const session = rawSession(t, fx.gateway.grpcPort);
  const get = openRawCall(session, { method: 'GET' });
  get.end();
  const plain = await get.result;
  assert.equal(plain.headers[':status'], 415);
  assert.match(plain.body, /speaks gRPC/);

  const json = openRawCall(session, { contentType: 'application/json' });
  json.end();
  assert.equal((await json.result).headers[':status'], 415);

  const unknown = openRawCall(session, { path: '/switchboard.v1.MediaIngest/Nope' });
  unknown.end();
  const u = grpcStatusOf(await unknown.result);
  assert.deepEqual(u, { code: status.UNIMPLEMENTED, message: 'unknown method /switchboard.v1.MediaIngest/Nope' });

  const gzip = openRawCall(session, { headers: { 'grpc-encoding': 'gzip' } });
  gzip.end();
  assert.equal(grpcStatusOf(await gzip.result).code, status.UNIMPLEMENTED);
  // The server is still serving.
  const stream = fx.client.openStream();
  await acceptedCall(stream, startMessage());
  stream.hangup('done');
  assert.equal((await stream.status).code, status.OK);
});

void test('unreadable first messages: undecodable, compressed, above 4 MiB, cut off → precise status, nothing published, no live call', async (t) => {
  const fx = await startTestGateway(t);
  const session = rawSession(t, fx.gateway.grpcPort);
  const cases: { name: string; bytes: Buffer; code: status; message: RegExp }[] = [
    { name: 'undecodable', bytes: Buffer.concat([Buffer.of(0, 0, 0, 0, 3), Buffer.of(0xff, 0xff, 0xff)]), code: status.INVALID_ARGUMENT, message: /undecodable MediaClientMessage/ },
    { name: 'compressed', bytes: Buffer.concat([Buffer.of(1, 0, 0, 0, 1), Buffer.of(0)]), code: status.INVALID_ARGUMENT, message: /compressed messages are not accepted/ },
    { name: 'too large', bytes: Buffer.of(0, 0, 0x40, 0, 1), code: status.RESOURCE_EXHAUSTED, message: /4194305 bytes is above the limit/ },
    { name: 'cut off', bytes: framed({ start: startMessage() }).subarray(0, 12), code: status.INVALID_ARGUMENT, message: /ended inside a message/ },
  ];
  for (const c of cases) {
    const call = openRawCall(session);
    call.send(c.bytes);
    call.end();
    const s = grpcStatusOf(await call.result);
    assert.equal(s.code, c.code, `${c.name}: ${s.message}`);
    assert.match(s.message, c.message, c.name);
  }
  assert.equal(await metric(fx, 'sb_gateway_live_calls'), 0);
  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  assert.deepEqual(records.map((r) => r.eventType), []);
});

void test('an undecodable message mid-call ends it PROTOCOL_ERROR: the frames before it are published, nothing after it', async (t) => {
  const fx = await startTestGateway(t);
  const call = openRawCall(rawSession(t, fx.gateway.grpcPort));
  call.send(framed({ start: startMessage() }));
  const conversationId = (await call.nextMessage()).accepted?.conversationId;
  assert.ok(conversationId);
  // Frames, the garbage and a frame after it in one write: one DATA chunk holds all of them.
  const frames = [1, 2, 3, 4].map((seq) => framed({ audio: { sequence: seq, payload: g711Frame(seq) } }));
  call.send(Buffer.concat([...frames, Buffer.of(0, 0, 0, 0, 2, 0x0a, 0xff), framed({ audio: { sequence: 5, payload: g711Frame(5) } })]));
  const s = grpcStatusOf(await call.result);
  assert.equal(s.code, status.INVALID_ARGUMENT);
  assert.match(s.message, /undecodable MediaClientMessage/);
  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  assert.equal(ofConversation(records, fx.topics.audio, conversationId).reduce((n, r) => n + r.envelope.audio!.frameCount, 0), 4);
  const ended = ofConversation(records, fx.topics.calls, conversationId).at(-1)!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_PROTOCOL_ERROR);
  assert.equal(ended.audioFrames, 4);
});

void test('a media peer whose network vanishes (no FIN, no RST) is found by keepalive: its call ends STREAM_LOST with every frame', async (t) => {
  const fx = await startTestGateway(t, { GATEWAY_KEEPALIVE_INTERVAL_MS: '200', GATEWAY_KEEPALIVE_TIMEOUT_MS: '300' });
  const relay = await startRelay(t, fx.gateway.grpcPort);
  const client = new MediaIngestClient(`127.0.0.1:${relay.port}`);
  t.after(() => { client.close(); });
  const stream = client.openStream();
  const conversationId = await acceptedCall(stream, startMessage());
  for (let seq = 1; seq <= 6; seq++) stream.audio(seq, g711Frame(seq));
  await waitFor('6 frames in', async () => ((await metric(fx, 'sb_gateway_frames_in_total')) === 6 ? true : undefined));
  relay.freeze();
  await waitFor('the call to end', async () => ((await metric(fx, 'sb_gateway_calls_ended_total{reason="END_REASON_STREAM_LOST"}')) === 1 ? true : undefined));
  assert.equal(await metric(fx, 'sb_gateway_live_calls'), 0);
  const records = await readTopics(fx.brokers, [fx.topics.calls, fx.topics.audio]);
  const ended = ofConversation(records, fx.topics.calls, conversationId).at(-1)!.envelope.callEnded!;
  assert.equal(ended.reason, EndReason.END_REASON_STREAM_LOST);
  assert.equal(ended.audioFrames, 6);
});
