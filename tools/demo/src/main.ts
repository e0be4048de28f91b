// The main command: Switchboard on this machine with simulated calls. Starts (or reuses) Kafka,
// ClickHouse and NATS — or nothing with --embedded — plus the speech engines and the whole
// platform in this process, plays the scenario's calls through the gateway's media stream, then
// prints each call's timeline, checks every event reached ClickHouse exactly once, and shows the
// KPIs read back from it.
import { randomUUID } from 'node:crypto';
import { loadScenario, type ScenarioCall } from '@switchboard/caller';
import { MediaIngestClient } from '@switchboard/gateway';
import { startPlatform, startSpeechStack, type Platform } from '@switchboard/platform';
import { createLogger, errorMessage, EventLog, parseLogLevel } from '@switchboard/runtime';
import { startInfra } from '@switchboard/testkit';
import { awaitStored, conversationFacts, conversationOutcomes, conversationTimeline, serviceKpis, type ExpectedCounts } from '@switchboard/warehouse';
import { parseArgs, USAGE } from './args';
import { playCalls, type CallAttempt } from './play-calls';
import { byTable, renderCall, renderSummary, type CallResult } from './report';
import { TextPath } from './text-path';

const say = (line: string): void => { process.stdout.write(line + '\n'); };
const secondsSince = (t0: number): string => ((performance.now() - t0) / 1000).toFixed(1);
const STORED_DEADLINE_MS = 60_000;

async function main(): Promise<number> {
  let args;
  let scenario: ScenarioCall[];
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help) {
      say(USAGE);
      return 0;
    }
    scenario = loadScenario(args.scenario);
  } catch (err) {
    process.stderr.write(`switchboard: ${errorMessage(err)}\n`);
    return 2;
  }
  const count = args.calls ?? scenario.length;
  const calls = Array.from({ length: count }, (_, i) => scenario[i % scenario.length]!);
  const logger = createLogger('switchboard', parseLogLevel(process.env.LOG_LEVEL ?? 'error'));
  const t0 = performance.now();
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async (): Promise<void> => { for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined); };
  process.once('SIGINT', () => { void cleanup().then(() => process.exit(130)); });
  try {
    say(`Switchboard: starting the platform ${args.embedded ? 'embedded (in-memory bus, ClickHouse in-process)' : 'on local servers'}`);
    let servers: Parameters<typeof startPlatform>[0]['servers'] = 'embedded';
    if (!args.embedded) {
      const infra = await startInfra({ log: (l) => { say(`  ${l}`); } });
      cleanups.push(() => infra.stop());
      servers = { kafkaBrokers: infra.env.KAFKA_BROKERS!.split(','), clickhouseUrl: infra.env.CLICKHOUSE_URL!, natsUrl: infra.env.NATS_URL! };
    }
    const speech = await startSpeechStack(logger);
    cleanups.push(() => speech.close());
    say(`  speech engines ready in ${(speech.startupMs / 1000).toFixed(1)} s: ${speech.recognizer.name} hears ${[...speech.recognizer.languages].join(', ')}; ${speech.synthesizer.name} speaks`);
    const platform: Platform = await startPlatform({ servers, speech, logger, database: 'switchboard' });
    cleanups.push(() => platform.stop());
    say(`  gateway gRPC ${platform.gatewayAddress}, pipelines ${platform.pipelines.processors.map((p) => p.name).join(' → ')}, warehouse → ClickHouse database ${platform.database}`);
    const events = new EventLog();
    await events.start(platform.bus, platform.topics, `sb.demo.${randomUUID()}`);
    cleanups.push(() => events.stop());
    const textPath = await TextPath.open(platform.bus, platform.topics);
    cleanups.push(() => textPath.close());
    const client = new MediaIngestClient(platform.gatewayAddress);
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    await client.waitForReady();
    say(`  ready in ${secondsSince(t0)} s\n`);

    const heard = speech.recognizer.languages;
    const textLanguages = new Set(calls.map((c) => c.language).filter((l) => !heard.has(l)));
    say(`Playing ${calls.length} calls, ${Math.min(args.concurrent, calls.length)} at a time, in real time (callers speak through TTS, 20 ms G.711 frames):`);
    if (textLanguages.size > 0) {
      say(`  (${[...textLanguages].join(', ')}: the installed recognizer does not understand it; the caller's speech is sent as audio and their words also enter by the text path, as a chat channel's would)`);
    }
    const attempts = await playCalls(calls, {
      client, voice: speech.callerVoice, concurrent: args.concurrent, runId: randomUUID().slice(0, 8),
      textPath: { languages: textLanguages, publish: (u) => textPath.publish(u) },
    });

    say('\nWaiting for every event to be queryable in ClickHouse…');
    const results = await collectResults(attempts, platform, events);
    results.forEach((r, i) => { say(renderCall(r, i).join('\n')); });
    for (const [i, a] of attempts.entries()) if (a.error !== undefined) say(`\nCall ${i + 1}: ${a.scenario.name} FAILED: ${a.error}`);
    const kpis = await serviceKpis(platform.clickhouse, platform.database, { conversationIds: results.map((r) => r.played.conversationId) });
    const summary = renderSummary(results, kpis, platform.database);
    say(summary.join('\n'));
    say(`\nTotal ${secondsSince(t0)} s. Stopping.`);
    const failed = attempts.some((a) => a.error !== undefined) || summary.some((l) => l.includes('failed'));
    return failed ? 1 : 0;
  } finally {
    await cleanup();
  }
}

/** Reads each call back from ClickHouse once the warehouse holds what the bus carried (or 60 s passed). */
async function collectResults(attempts: readonly CallAttempt[], platform: Platform, events: EventLog): Promise<CallResult[]> {
  const played = attempts.flatMap((a) => (a.played ? [a.played] : []));
  const { clickhouse, database } = platform;
  const publishedNow = (): Map<string, ExpectedCounts> => new Map(played.map((p) => [p.conversationId, byTable(events.counts(p.conversationId))]));
  const stored = await awaitStored(clickhouse, database, publishedNow, STORED_DEADLINE_MS);
  const published = publishedNow();
  const ids = [...published.keys()];
  const facts = new Map((await conversationFacts(clickhouse, database, ids)).map((f) => [f.conversation_id, f]));
  const outcomes = new Map((await conversationOutcomes(clickhouse, database, ids)).map((o) => [o.conversation_id, o]));
  return Promise.all(played.map(async (p) => ({
    played: p, published: published.get(p.conversationId)!, stored: stored.get(p.conversationId), facts: facts.get(p.conversationId),
    outcome: outcomes.get(p.conversationId), timeline: await conversationTimeline(clickhouse, database, p.conversationId),
  })));
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`switchboard: ${errorMessage(err)}\n`);
  process.exitCode = 1;
});
