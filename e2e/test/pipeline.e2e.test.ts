// The call pipeline end to end on real Kafka, ClickHouse and NATS, with the real speech engines:
// callers' words spoken by Piper (English) and espeak-ng (Chinese) stream as 20 ms µ-law frames
// through the gRPC gateway; faster-whisper transcribes the English, the Chinese takes the text
// path (no Chinese ASR model is installable here); NLU, emotion, dialogue and actions answer;
// the bot's speech comes back down the stream. Three calls at once: an order-status call over
// several turns, an angry caller who is handed to a person, and a Chinese order-status call.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseScenario, playScenarioCall, type PlayedCall, type ScenarioCall } from '@switchboard/caller';
import { MediaIngestClient } from '@switchboard/gateway';
import type { Platform, SpeechStack } from '@switchboard/platform';
import { startSpeechStack } from '@switchboard/platform';
import { createLogger, encodeEnvelope, EventLog, newEnvelope, type Producer } from '@switchboard/runtime';
import { decodeMuLaw } from '@switchboard/speech';
import { awaitStored, conversationFacts, conversationOutcomes, conversationTimeline, EVENT_TABLES, type ExpectedCounts, type TimelineEntry } from '@switchboard/warehouse';
import { publishedByTable, startPlatformOnServers } from '../src/conversations';

const CALLS = parseScenario(`
calls:
  - name: order status
    language: en
    turns:
      - Hi, I would like to check the status of my order.
      - The order number is two zero two six zero two three one.
      - That's all, thank you, goodbye.
  - name: angry caller
    language: en
    voice: angry
    turns:
      - My package never arrived and this is ridiculous!
      - I have been waiting for weeks, this is terrible, I am furious!
      - Nobody ever helps me, this service is useless!
  - name: 订单查询
    language: zh
    turns:
      - 你好，我想查一下我的订单到哪了。
      - 订单号是二零二六零二三二。
      - 没有了，谢谢，再见。
`);

const logger = createLogger('e2e-pipeline', 'error');
let speech: SpeechStack;
let platform: Platform;
let events: EventLog;
let client: MediaIngestClient;
let producer: Producer;
const played = new Map<string, PlayedCall>();

before(async () => {
  speech = await startSpeechStack(logger);
  platform = await startPlatformOnServers('pipe', speech, logger);
  events = new EventLog();
  await events.start(platform.bus, platform.topics, `${platform.topicPrefix}reader`);
  producer = await platform.bus.createProducer();
  client = new MediaIngestClient(platform.gatewayAddress);
  await client.waitForReady();
  const heard = speech.recognizer.languages;
  // The three calls at once; Chinese words also enter by the text path, as a chat channel's would.
  const results = await Promise.all(CALLS.map((call: ScenarioCall, i) => playScenarioCall(call, {
    client, synthesizer: speech.callerVoice, callId: `e2e-pipe-${i}`,
    // Generous: CI runs other tests beside this one on two cores, and Whisper shares them.
    replyTimeoutMs: 60_000,
    textPath: {
      languages: new Set(CALLS.map((c) => c.language).filter((l) => !heard.has(l))),
      publish: async (u) => {
        const env = newEnvelope({ tenantId: u.tenantId, conversationId: u.conversationId, source: 'text-path' }, 'transcript', {
          utteranceId: u.utteranceId, isFinal: true, text: u.text, language: u.language, confidence: 1, startMs: u.startMs, endMs: u.endMs, words: [], prosody: undefined,
        });
        await producer.send([{ topic: platform.topics.transcripts, key: u.conversationId, value: encodeEnvelope(env) }]);
      },
    },
  })));
  for (const r of results) played.set(r.scenario.name, r);
});

after(async () => {
  client.close();
  await producer.close();
  await events.stop();
  await platform.stop();
  await platform.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${platform.database}` }).catch(() => undefined);
  await speech.close();
});

const call = (name: string): PlayedCall => played.get(name)!;
const timelineOf = (p: PlayedCall): Promise<TimelineEntry[]> => conversationTimeline(platform.clickhouse, platform.database, p.conversationId);

test('English by speech: Whisper hears the key words, the NLU finds the intent and the order number, the status is read back', () => {
  const p = call('order status');
  assert.equal(p.endedBy, 'bot-hangup', 'the bot says goodbye and hangs up');
  const transcripts = events.events(p.conversationId).filter((e) => e.kind === 'transcript').map((e) => e.envelope.transcript!);
  assert.equal(transcripts.length, 3, 'one final transcript per utterance');
  assert.match(transcripts[0]!.text.toLowerCase(), /status.*order|order.*status/);
  assert.ok(transcripts.every((t) => t.words.length > 0 && t.prosody !== undefined && t.confidence > 0.5), 'word timings, prosody and confidence');
  const intents = events.events(p.conversationId).filter((e) => e.kind === 'intent').map((e) => e.envelope.intent!);
  assert.equal(intents[0]?.name, 'order_status');
  assert.deepEqual(intents[1]?.slots.map((s) => `${s.name}=${s.value}`), ['order_number=SB20260231']);
  const says = events.events(p.conversationId).flatMap((e) => (e.envelope.action?.say ? [e.envelope.action.say.text] : []));
  assert.ok(says.some((t) => /SB20260231 is shipped/.test(t)), 'the looked-up status is said');
});

test("the bot's reply comes back down the stream as speech: Whisper reads the question back from the line audio", async () => {
  const p = call('order status');
  const ask = events.events(p.conversationId).find((e) => e.envelope.action?.ask !== undefined)!.envelope.action!;
  assert.ok(p.utterances.every((u) => u.replyAtMs !== undefined), 'every turn was answered on the line');
  const audio = p.line.botAudioOf(ask.actionId);
  assert.ok(audio.length > 8000, `the question came back as ${audio.length} bytes of audio`);
  const heard = await speech.recognizer.recognize({ samples: decodeMuLaw(audio), sampleRateHz: 8000 }, 'en');
  assert.match(heard.text.toLowerCase(), /order number/);
});

test('the angry caller is soothed, then handed to a person with the conversation so far', () => {
  const p = call('angry caller');
  assert.equal(p.endedBy, 'transfer');
  const all = events.events(p.conversationId);
  const negative = all.filter((e) => e.envelope.emotion && ['angry', 'frustrated'].includes(e.envelope.emotion.label));
  assert.ok(negative.length >= 2, `negative emotions: ${negative.length}`);
  const transfer = all.find((e) => e.envelope.action?.transferToHuman)!.envelope.action!.transferToHuman!;
  assert.equal(transfer.queue, 'ecommerce_support');
  assert.notEqual(transfer.summary, '');
  const transferEvent = p.line.events.find((e) => e.kind === 'transfer');
  assert.ok(transferEvent?.kind === 'transfer' && transferEvent.queue === 'ecommerce_support', 'the media side got TransferCall');
});

test('Chinese runs the same processors by the text path: intent, order number, status read back in Chinese', () => {
  const p = call('订单查询');
  assert.equal(p.endedBy, 'bot-hangup');
  const intents = events.events(p.conversationId).filter((e) => e.kind === 'intent').map((e) => e.envelope.intent!);
  assert.equal(intents[0]?.name, 'order_status');
  assert.deepEqual(intents[1]?.slots.map((s) => s.value), ['SB20260232']);
  const says = events.events(p.conversationId).flatMap((e) => (e.envelope.action?.say ? [e.envelope.action.say] : []));
  assert.ok(says.some((s) => s.language === 'zh' && /SB20260232.*备货中/.test(s.text)), 'the status in Chinese');
  assert.ok(p.utterances.every((u) => u.replyAtMs !== undefined), 'espeak-ng answered every turn on the line');
});

test('ClickHouse holds every event of each call exactly once, with the right facts and outcomes', async () => {
  const ids = [...played.values()].map((p) => p.conversationId);
  const published = (): Map<string, ExpectedCounts> => new Map(ids.map((id) => [id, publishedByTable(events, id)]));
  const stored = await awaitStored(platform.clickhouse, platform.database, published);
  const expected = published();
  for (const id of ids) for (const t of EVENT_TABLES) assert.equal(stored.get(id)![t], expected.get(id)![t] ?? 0, `${t} of ${id}`);

  const facts = new Map((await conversationFacts(platform.clickhouse, platform.database, ids)).map((f) => [f.conversation_id, f]));
  const outcomes = new Map((await conversationOutcomes(platform.clickhouse, platform.database, ids)).map((o) => [o.conversation_id, o]));
  for (const p of played.values()) {
    const f = facts.get(p.conversationId)!;
    const counts = events.counts(p.conversationId);
    assert.equal(f.end_reason, p.endedBy === 'transfer' ? 'transferred' : 'bot_hangup', p.scenario.name);
    assert.equal(f.final_transcript_count, counts.transcript, 'transcripts');
    assert.equal(f.intent_count, counts.intent);
    assert.equal(f.emotion_count, counts.emotion);
    assert.equal(f.action_count, counts.action);
    assert.equal(f.action_result_count, counts.actionResult ?? 0);
    assert.equal(f.audio_frames, events.events(p.conversationId).reduce((n, e) => n + (e.envelope.audio?.frameCount ?? 0), 0));
    assert.ok(f.duration_ms > 5000);
    const o = outcomes.get(p.conversationId)!;
    assert.equal(o.handoff_count, p.endedBy === 'transfer' ? 1 : 0);
  }
  const timeline = await timelineOf(call('order status'));
  assert.deepEqual(timeline.filter((e) => e.kind === 'transcript').map((e) => e.source), ['asr', 'asr', 'asr']);
  assert.deepEqual((await timelineOf(call('订单查询'))).filter((e) => e.kind === 'transcript').map((e) => e.source), ['text-path', 'text-path', 'text-path']);
});
