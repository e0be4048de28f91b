// A phone call over SIP end to end: sipp (a real SIP peer) calls the sip-ingress, which bridges
// it into the real gateway and pipeline on real Kafka, ClickHouse and NATS with the real speech
// engines. The caller's words are spoken by Piper, sent by sipp as µ-law RTP; Whisper must hear
// them, the NLU find the intent, the bot's reply come back to the caller as RTP, a DTMF key
// press from sipp's RFC 2833 pcap arrive as a DTMF event, and ClickHouse hold every event of the
// call exactly once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { speak } from '@switchboard/caller';
import type { Platform, SpeechStack } from '@switchboard/platform';
import { startSpeechStack } from '@switchboard/platform';
import { createLogger, EventLog } from '@switchboard/runtime';
import { loadSipIngressConfig, startSipIngress, type RunningSipIngress } from '@switchboard/sip-ingress';
import { dtmfActions, openRtpCounter, scenario, writeAudioFile, type RtpCounter } from '@switchboard/sip-ingress/testing';
import { encodeMuLaw } from '@switchboard/speech';
import { runSipp, type SippResult } from '@switchboard/testkit';
import { awaitStored, conversationFacts, EVENT_TABLES, type ExpectedCounts } from '@switchboard/warehouse';
import { publishedByTable, startPlatformOnServers } from '../src/conversations';

const logger = createLogger('e2e-sip', 'error');
let speech: SpeechStack;
let platform: Platform;
let events: EventLog;
let ingress: RunningSipIngress;
let counter: RtpCounter;
let sipp: SippResult;
let conversationId = '';

before(async () => {
  speech = await startSpeechStack(logger);
  platform = await startPlatformOnServers('sip', speech, logger);
  events = new EventLog();
  await events.start(platform.bus, platform.topics, `${platform.topicPrefix}reader`);
  ingress = await startSipIngress(loadSipIngressConfig({
    SIP_BIND_HOST: '127.0.0.1', SIP_PORT: '0', SIP_HTTP_PORT: '0', GATEWAY_ADDRESS: platform.gatewayAddress,
    SIP_TENANT_ID: 'demo-shop', SIP_LANGUAGE: 'en', RTP_PORT_MIN: '41000', RTP_PORT_MAX: '41999', LOG_LEVEL: 'error',
  }), logger);
  counter = await openRtpCounter();
  // One second of silence, the sentence, then two seconds of silence so the end of the utterance is heard.
  const words = encodeMuLaw(await speak(speech.callerVoice, 'Hi, I would like to check the status of my order.', 'en', 'calm'));
  const audio = Buffer.concat([Buffer.alloc(8000, 0xff), words, Buffer.alloc(16000, 0xff)]);
  const audioMs = Math.round(audio.length / 8);
  sipp = await runSipp({
    scenario: scenario('uac-call.xml', {
      COUNTER_PORT: String(counter.port), AUDIO_FILE: writeAudioFile(audio),
      // Time for the reply to be recognised, decided and spoken back after the audio ends.
      AUDIO_MS: String(audioMs + 8000), DTMF: dtmfActions('5'), TAIL_MS: '1500',
    }),
    target: `127.0.0.1:${ingress.sipPort}`, transport: 'udp', calls: 1, timeoutS: 90,
  });
  await ingress.calls.whenIdle();
  conversationId = events.conversations().find((id) => events.events(id).some((e) => e.envelope.callStarted?.attributes['sip.transport'] === 'udp')) ?? '';
});

after(async () => {
  await counter.close();
  await ingress.stop();
  await events.stop();
  await platform.stop();
  await platform.clickhouse.command({ query: `DROP DATABASE IF EXISTS ${platform.database}` }).catch(() => undefined);
  await speech.close();
});

test('sipp completes the call and the platform sees it as one conversation', () => {
  assert.equal(sipp.code, 0, sipp.output);
  assert.equal(sipp.successful, 1, sipp.output);
  assert.notEqual(conversationId, '', 'a conversation whose call came in over SIP');
  assert.equal(ingress.health().liveCalls, 0);
  assert.equal(ingress.health().rtpPortsInUse, 0);
});

test('the words sent as RTP are heard: transcript, intent, and the DTMF key press', () => {
  const all = events.events(conversationId);
  const transcripts = all.filter((e) => e.kind === 'transcript').map((e) => e.envelope.transcript!.text.toLowerCase());
  assert.ok(transcripts.some((t) => /status/.test(t) && /order/.test(t)), `transcripts: ${JSON.stringify(transcripts)}`);
  const intents = all.filter((e) => e.kind === 'intent').map((e) => e.envelope.intent!.name);
  assert.equal(intents[0], 'order_status');
  const digits = all.filter((e) => e.kind === 'dtmf').map((e) => e.envelope.dtmf!.digit);
  assert.deepEqual(digits, ['5']);
});

test("the bot's replies reach the caller as RTP: the greeting and the answer, each its own talkspurt", () => {
  const audio = counter.packets.filter((p) => p.payloadType === 0);
  const talkspurts = audio.filter((p) => p.marker).length;
  assert.ok(talkspurts >= 2, `talkspurts: ${talkspurts}, packets: ${audio.length}`);
  assert.ok(audio.every((p) => p.length === 160 && p.ssrc === audio[0]!.ssrc));
  const says = events.events(conversationId).filter((e) => e.envelope.action?.say !== undefined || e.envelope.action?.ask !== undefined).length;
  assert.ok(says >= 2, `say/ask actions: ${says}`);
});

test('ClickHouse holds every event of the call exactly once, with the right facts', async () => {
  const published = (): Map<string, ExpectedCounts> => new Map([[conversationId, publishedByTable(events, conversationId)]]);
  const stored = await awaitStored(platform.clickhouse, platform.database, published);
  const expected = published();
  for (const t of EVENT_TABLES) assert.equal(stored.get(conversationId)![t], expected.get(conversationId)![t] ?? 0, t);
  const [facts] = await conversationFacts(platform.clickhouse, platform.database, [conversationId]);
  const counts = events.counts(conversationId);
  assert.equal(facts!.final_transcript_count, counts.transcript);
  assert.equal(facts!.intent_count, counts.intent);
  assert.equal(facts!.end_reason, 'caller_hangup');
});
