// A conversation read back in event-time order, each event once, on both engines.
import assert from 'node:assert/strict';
import { after, test, type TestContext } from 'node:test';
import { Codec, EndReason, type Envelope } from '@switchboard/contracts';
import { newEnvelope, type Payload, type PayloadKind } from '@switchboard/runtime';
import { uniqueName } from '@switchboard/testkit';
import { conversationTimeline, migrate } from '../src/index';
import { chdbEngine, closeChdbEngine, freshDatabase, serverEngine, type Engine } from './support/clickhouse';
import { insertEvents } from './support/insert-events';

after(closeChdbEngine);

async function timelineOnce(t: TestContext, engine: Engine): Promise<void> {
  const db = freshDatabase(t, engine.client, 'wh_timeline');
  await migrate(engine.client, { database: db });
  const conversationId = uniqueName('conv');
  let at = 1_760_000_000_000;
  const ev = <K extends PayloadKind>(kind: K, payload: Payload<K>, step = 100): Envelope =>
    newEnvelope({ tenantId: 't', conversationId, source: kind === 'transcript' ? 'asr' : 'x', occurredAtMs: (at += step) }, kind, payload);
  const events = [
    ev('callStarted', { callId: 'c', callerNumber: '+1', calleeNumber: '+2', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'grpc', attributes: {} }),
    ev('transcript', { utteranceId: 'u1', isFinal: false, text: 'where is', language: 'en', confidence: 0.5, startMs: 1000, endMs: 1500, words: [], prosody: undefined }),
    ev('transcript', { utteranceId: 'u1', isFinal: true, text: 'where is my order', language: 'en', confidence: 0.9, startMs: 1000, endMs: 2200, words: [], prosody: undefined }),
    ev('intent', { utteranceId: 'u1', name: 'order_status', confidence: 0.8, outOfScope: false, language: 'en', slots: [{ name: 'order_number', value: 'SB1', confidence: 1 }, { name: 'date_time', value: '2026', confidence: 1 }], alternatives: [] }),
    ev('emotion', { utteranceId: 'u1', label: 'neutral', valence: 0.25, arousal: 0.3, prosody: undefined, textSentiment: 0 }),
    ev('action', { actionId: 'a1', lookup: { connector: 'orders', operation: 'order_status', params: {} } }),
    ev('actionResult', { actionId: 'a1', actionKind: 'lookup', success: false, failureReason: 'not_found', latencyMs: 42, output: {} }),
    ev('action', { actionId: 'a2', transferToHuman: { queue: 'support', reason: 'r', summary: 's', slots: {} } }),
    ev('callEnded', { reason: EndReason.END_REASON_TRANSFERRED, detail: '', durationMs: 9000, audioFrames: 450, dtmfDigits: 0 }),
  ];
  await insertEvents(engine, db, events, 1);
  await insertEvents(engine, db, events, 2);
  const timeline = await conversationTimeline(engine.client, db, conversationId);
  assert.deepEqual(timeline.map((e) => `${e.kind}:${e.what}:${e.text}`), [
    'call:started:',
    'transcript:en:where is my order',
    'intent:order_status:order_number=SB1, date_time=2026',
    'emotion:neutral:',
    'action:lookup:',
    'action_result:lookup:not_found',
    'action:transfer_to_human:support',
    'call:ended:transferred',
  ], engine.name);
  const transcript = timeline[1]!;
  assert.deepEqual([transcript.start_ms, transcript.end_ms, transcript.source], [1000, 2200, 'asr']);
  assert.equal(timeline[5]!.value, 42);
  assert.equal(timeline[5]!.start_ms, 0, 'the lookup failed');
  assert.equal(timeline[7]!.value, 9000);
  assert.ok(Math.abs(timeline[3]!.value - 0.25) < 1e-6);
  assert.deepEqual(timeline.map((e) => e.at_ms), [...timeline.map((e) => e.at_ms)].sort((a, b) => a - b));
  assert.deepEqual(await conversationTimeline(engine.client, db, 'nobody'), []);
}

test('a call read back in order, each event once: ClickHouse 18.16', async (t) => { await timelineOnce(t, serverEngine(t)); });
test('a call read back in order, each event once: current engine (chdb)', async (t) => { await timelineOnce(t, await chdbEngine()); });
