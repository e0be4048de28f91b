// The whole platform embedded in one process (in-memory bus and control plane, ClickHouse through
// chdb): a caller speaks (espeak-ng voice, 20 ms µ-law frames in real time) through the gateway,
// the pipeline answers (a scripted recognizer stands in for Whisper; the bot's voice is a tone),
// and the warehouse holds the call exactly once with its facts and KPIs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { parseScenario, playScenarioCall } from '@switchboard/caller';
import { MediaIngestClient } from '@switchboard/gateway';
import { createLogger, EventLog } from '@switchboard/runtime';
import { EspeakSynthesizer, InstantRecognizer, InstantSynthesizer } from '@switchboard/speech';
import { awaitStored, conversationOutcomes, conversationTimeline, EVENT_TABLES, serviceKpis, TABLE_OF_KIND, type TableName } from '@switchboard/warehouse';
import { speechStackOf, startPlatform } from '../src/index';

const [call] = parseScenario(`
calls:
  - name: order status
    language: en
    turns:
      - Hi, where is my order?
      - Two zero two six zero two three one.
      - That is all, goodbye.
`);

test('embedded: a spoken call is answered, ends with the goodbye of the bot, and is stored exactly once', { timeout: 120_000 }, async (t) => {
  const recognizer = new InstantRecognizer({ script: ['hi where is my order', 'two zero two six zero two three one', 'that is all goodbye'] });
  const speech = speechStackOf(recognizer, new InstantSynthesizer({ msPerCharacter: 5 }));
  const platform = await startPlatform({ servers: 'embedded', speech, logger: createLogger('embedded-test', 'error'), database: 'embedded_test' });
  t.after(() => platform.stop());
  const events = new EventLog();
  await events.start(platform.bus, platform.topics, 'reader');
  t.after(() => events.stop());
  const client = new MediaIngestClient(platform.gatewayAddress);
  t.after(() => { client.close(); });

  const played = await playScenarioCall(call!, { client, synthesizer: new EspeakSynthesizer({ voice: 'en-us', languages: ['en'] }), callId: `emb-${randomUUID()}` });
  assert.equal(played.endedBy, 'bot-hangup');
  assert.equal(recognizer.calls, 3, 'three utterances cut from the caller audio');
  assert.ok(played.utterances.every((u) => u.replyAtMs !== undefined), 'the bot answered every turn on the line');

  const id = played.conversationId;
  await events.waitFor(id, (e) => e.kind === 'callEnded', 'the end of the call');
  const publishedNow = (): Partial<Record<TableName, number>> => {
    const out: Partial<Record<TableName, number>> = {};
    for (const [kind, n] of Object.entries(events.counts(id))) out[TABLE_OF_KIND[kind as keyof typeof TABLE_OF_KIND]] = (out[TABLE_OF_KIND[kind as keyof typeof TABLE_OF_KIND]] ?? 0) + n;
    return out;
  };
  const stored = (await awaitStored(platform.clickhouse, platform.database, () => new Map([[id, publishedNow()]]))).get(id)!;
  const published = publishedNow();
  for (const table of EVENT_TABLES) assert.equal(stored[table], published[table] ?? 0, `${table} exactly once`);

  const timeline = await conversationTimeline(platform.clickhouse, platform.database, id);
  const kinds = timeline.map((e) => `${e.kind}:${e.what}`);
  assert.ok(kinds.includes('intent:order_status'));
  assert.ok(timeline.some((e) => e.kind === 'intent' && e.text === 'order_number=SB20260231'));
  assert.ok(timeline.some((e) => e.kind === 'action' && /shipped/.test(e.text)), 'the status read back');
  assert.deepEqual(kinds.at(-1), 'call:ended');
  const [outcome] = await conversationOutcomes(platform.clickhouse, platform.database, [id]);
  assert.equal(outcome?.first_intent, 'order_status');
  const kpis = await serviceKpis(platform.clickhouse, platform.database, { conversationIds: [id] });
  assert.deepEqual([kpis.calls, kpis.selfServed, kpis.handedOff], [1, 1, 0]);
});
