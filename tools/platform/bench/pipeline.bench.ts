// Pipeline benchmark, two parts, on real Kafka, NATS and ClickHouse (started through the testkit
// unless KAFKA_BROKERS, CLICKHOUSE_URL and NATS_URL are set):
//  (a) overhead: the platform (gateway, asr, emotion here; nlu, dialogue, actions in a pipeline
//      host process; no warehouse sink) with the speech engines replaced by instant ones; N
//      callers on their own thread each say two turns; per turn, end of utterance (the
//      transcript) → first reply audio on the gRPC stream, split into NLU, dialogue, action and
//      control-path time. Reference: the same hops through pass-through processors (bus floor),
//      same bus, same N.
//  (b) speech: Whisper (faster-whisper) hears, Piper answers; 1..K English calls at once, end of
//      the caller's speech → first reply audio, split at the transcript; CPU of the platform's
//      processes and the speech worker per second of call gives the calls one core holds in
//      real time. Reference: Whisper alone on the same utterances.
//   npm run bench:pipeline [-- --levels 50,200,1000 --speech-calls 3 --kafka-client kafkajs|platformatic --asr-early-ms 300 --audio-batch-frames N]
// Ends with exactly one JSON line.
import { randomUUID } from 'node:crypto';
import { createLogger, TOPIC_KEYS, EventLog, type Logger } from '@switchboard/runtime';
import { InstantSynthesizer } from '@switchboard/speech';
import { startInfra } from '@switchboard/testkit';
import { DEMO_ACTIONS_CONFIG, speechStackOf, startHostProcess, startPlatform, startSpeechStack, type HostProcess, type Platform, type SpeechStack } from '../src/index';
import { busFloorMs } from './bus-floor';
import { runCallers } from './callers';
import { turnAudio } from './scripted-call';
import { prerender, SPEECH_CALLS, speechLevel, whisperAloneMs } from './speech-path';
import { percentile, turnTiming, type TurnTiming } from './turn-timings';

interface Args { readonly levels: readonly number[]; readonly speechCalls: number; readonly kafkaClient: 'kafkajs' | 'platformatic'; readonly asrEarlyMs: number | undefined; readonly audioBatchFrames: number | undefined }

interface OverheadLevel {
  readonly calls: number;
  readonly turns: number;
  readonly failedCalls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly split: Record<Exclude<keyof TurnTiming, 'totalMs'>, { p50Ms: number; p99Ms: number }>;
  readonly floorP50Ms: number;
  readonly floorP99Ms: number;
  /** The platform thread's event-loop utilisation while the calls ran (1 = saturated). */
  readonly eventLoopBusy: number;
  /** CPU of this process (platform and callers' thread) while the calls ran, in cores. */
  readonly cpuCores: number;
}

const say = (line: string): void => { process.stderr.write(`bench: ${line}\n`); };
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

function parseArgs(argv: readonly string[]): Args {
  let levels = [50, 200, 1000];
  let speechCalls = 3;
  let kafkaClient: Args['kafkaClient'] = 'kafkajs';
  let asrEarlyMs: number | undefined;
  let audioBatchFrames: number | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--levels' && value !== undefined) levels = value.split(',').map(Number);
    else if (flag === '--speech-calls' && value !== undefined) speechCalls = Number(value);
    else if (flag === '--kafka-client' && (value === 'kafkajs' || value === 'platformatic')) kafkaClient = value;
    else if (flag === '--asr-early-ms' && value !== undefined) asrEarlyMs = Number(value);
    else if (flag === '--audio-batch-frames' && value !== undefined) audioBatchFrames = Number(value);
    else throw new Error(`unknown argument ${flag ?? ''}: use --levels 50,200,1000 --speech-calls 3 --kafka-client kafkajs|platformatic --asr-early-ms N --audio-batch-frames N`);
  }
  if (levels.length === 0 || !levels.every((n) => Number.isInteger(n) && n > 0)) throw new Error('--levels: comma-separated positive integers');
  if (!Number.isInteger(speechCalls) || speechCalls < 0) throw new Error('--speech-calls: a whole number');
  if (audioBatchFrames !== undefined && !(Number.isInteger(audioBatchFrames) && audioBatchFrames > 0)) throw new Error('--audio-batch-frames: a positive whole number');
  return { levels, speechCalls, kafkaClient, asrEarlyMs, audioBatchFrames };
}

/** The servers, the logger and the Kafka client every part runs with. */
interface Bench { readonly env: Record<string, string>; readonly logger: Logger; readonly kafkaClient: Args['kafkaClient']; readonly asrEarlyMs: number | undefined; readonly audioBatchFrames: number | undefined }

interface BenchPlatform {
  readonly platform: Platform;
  /** The reply path's own process (nlu, dialogue, actions), as its pods would be. */
  readonly hosts: readonly HostProcess[];
  stop(): Promise<void>;
}

/**
 * Laid out as deployed, as far as two cores allow: the gateway, the asr (voice activity, and the
 * prosody it measures on each utterance's audio) and the emotion processor in this process, the
 * reply path (nlu, dialogue, actions) in a pipeline-host process of its own, so a burst of audio
 * work (a pitch track over a whole utterance) does not hold up another call's reply on the same
 * event loop. (The emotion processor in a third process as well measured worse here: three busy
 * processes and the broker on two cores.) The ASR's engine is the benchmark's instant one, so the
 * ASR must stay in this process.
 */
async function platformOn({ env, logger, kafkaClient, asrEarlyMs, audioBatchFrames }: Bench, speech: SpeechStack, name: string, maxCalls: number): Promise<BenchPlatform> {
  const prefix = `bench_${name}_${randomUUID().slice(0, 8)}.`;
  const platform = await startPlatform({
    servers: { kafkaBrokers: env.KAFKA_BROKERS!.split(','), clickhouseUrl: env.CLICKHOUSE_URL!, natsUrl: env.NATS_URL! },
    speech, logger, topicPrefix: prefix, database: prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase(), warehouse: false, kafkaClient,
    ...(asrEarlyMs === undefined ? {} : { asrEarlyRecognitionMs: asrEarlyMs }),
    processors: ['asr', 'emotion'], gatewayEnv: { GATEWAY_MAX_CALLS: String(Math.max(5000, maxCalls)), ...(audioBatchFrames === undefined ? {} : { GATEWAY_AUDIO_BATCH_FRAMES: String(audioBatchFrames) }) },
  });
  const hostEnv = { KAFKA_BROKERS: env.KAFKA_BROKERS!, KAFKA_TOPIC_PREFIX: prefix, KAFKA_FAST_GROUPS: 'true', KAFKA_CLIENT: kafkaClient, NATS_URL: env.NATS_URL!, LOG_LEVEL: 'info' };
  const hosts = [startHostProcess({ ...hostEnv, PIPELINE_PROCESSORS: 'nlu,dialogue,actions', ACTIONS_CONFIG_FILE: DEMO_ACTIONS_CONFIG })];
  const stop = async (): Promise<void> => {
    for (const h of hosts) h.child.kill('SIGTERM');
    await Promise.all(hosts.map((h) => h.exited));
    await platform.stop();
  };
  try {
    await Promise.all(hosts.map((h) => h.waitForLog((l) => l.msg === 'pipelines running', 'the processors running')));
  } catch (err) {
    await stop();
    throw err;
  }
  return { platform, hosts, stop };
}

async function overheadLevel(bench: Bench, calls: number): Promise<OverheadLevel> {
  const { audio, recognizer } = await turnAudio();
  // 5 ms of tone per character: replies are short, so the callers' next turn comes soon.
  const running = await platformOn(bench, speechStackOf(recognizer, new InstantSynthesizer({ msPerCharacter: 5 })), `o${calls}`, calls);
  const { platform } = running;
  const events = new EventLog();
  try {
    await events.start(platform.bus, platform.topics, `${platform.topicPrefix}reader`, TOPIC_KEYS.filter((k) => k !== 'audio' && k !== 'dlq'));
    const rampMs = Math.min(10_000, calls * 10);
    say(`overhead: ${calls} calls (dialled over ${rampMs / 1000} s), two turns each…`);
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    const records = await runCallers({ address: platform.gatewayAddress, calls, rampMs, runId: `o${calls}-${randomUUID().slice(0, 6)}`, audio, replyTimeoutMs: 60_000, connections: 8 });
    const eventLoopBusy = round(performance.eventLoopUtilization(elu0).utilization, 2);
    const cpu = process.cpuUsage(cpu0);
    const cpuCores = round((cpu.user + cpu.system) / 1000 / (performance.now() - wall0), 2);
    const ok = records.filter((r) => r.error === undefined);
    for (const r of records) if (r.error !== undefined) say(`  a call failed: ${r.error}`);
    // The log reads the bus on its own; wait until it holds each reply the lines heard.
    for (const r of ok) for (const a of r.botAudio) await events.waitFor(r.conversationId, (e) => e.envelope.action?.actionId === a.actionId, 'a reply in the log');
    const timings = ok.flatMap((r) => [0, 1].flatMap((n) => turnTiming(events, r, n) ?? []));
    const stat = (pick: (t: TurnTiming) => number): { p50Ms: number; p99Ms: number } => {
      const v = timings.map(pick);
      return { p50Ms: round(percentile(v, 50)), p99Ms: round(percentile(v, 99)) };
    };
    const total = stat((t) => t.totalMs);
    say(`  bus floor: ${calls} transcripts through pass-through processors…`);
    const floor = await busFloorMs(platform.bus, platform.topics, platform.control, bench.logger, calls);
    return {
      calls, turns: timings.length, failedCalls: records.length - ok.length, ...total,
      split: { nluMs: stat((t) => t.nluMs), dialogueMs: stat((t) => t.dialogueMs), actionMs: stat((t) => t.actionMs), controlMs: stat((t) => t.controlMs) },
      floorP50Ms: round(floor.p50), floorP99Ms: round(floor.p99), eventLoopBusy, cpuCores,
    };
  } finally {
    await events.stop();
    await running.stop();
  }
}

function overheadTable(rows: readonly OverheadLevel[]): string {
  const head = ['calls', 'turns', 'failed', 'p50 ms', 'p99 ms', 'nlu p50/p99', 'dialogue p50/p99', 'action p50/p99', 'control p50/p99', 'floor p50/p99', 'p99 ÷ floor', 'loop busy', 'CPU cores'];
  const pair = (s: { p50Ms: number; p99Ms: number }): string => `${s.p50Ms}/${s.p99Ms}`;
  const body = rows.map((r) => [r.calls, r.turns, r.failedCalls, r.p50Ms, r.p99Ms, pair(r.split.nluMs), pair(r.split.dialogueMs), pair(r.split.actionMs), pair(r.split.controlMs),
    `${r.floorP50Ms}/${r.floorP99Ms}`, round(r.p99Ms / r.floorP99Ms, 2), r.eventLoopBusy, r.cpuCores].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function speechPart(bench: Bench, maxCalls: number): Promise<Record<string, unknown>> {
  say('speech: starting the speech worker (Whisper base, Piper) and warming it up…');
  const speech = await startSpeechStack(bench.logger);
  try {
    const voice = await prerender(speech);
    const aloneMs = await whisperAloneMs(speech, voice);
    say(`  Whisper alone on the callers' utterances: p50 ${round(aloneMs)} ms`);
    const running = await platformOn(bench, speech, 'speech', maxCalls);
    const events = new EventLog();
    const levels = [];
    try {
      await events.start(running.platform.bus, running.platform.topics, `${running.platform.topicPrefix}reader`, TOPIC_KEYS.filter((k) => k !== 'audio' && k !== 'dlq'));
      for (let calls = 1; calls <= maxCalls; calls++) {
        say(`  ${calls} English line(s) at once, each playing the ${SPEECH_CALLS.length} calls in turn…`);
        const l = await speechLevel(running.platform.gatewayAddress, running.hosts.map((h) => h.child.pid!), events, speech, voice, calls, randomUUID().slice(0, 6));
        const coresPerCall = l.cpuSeconds / l.callSeconds;
        const p = (v: number[]): { p50Ms: number; p99Ms: number } => ({ p50Ms: round(percentile(v, 50)), p99Ms: round(percentile(v, 99)) });
        levels.push({
          calls, turns: l.replyMs.length, ...p(l.replyMs), heard: p(l.heardMs), answer: p(l.answerMs), control: p(l.timings.map((t) => t.controlMs)),
          cpuPerCallPct: round(coresPerCall * 100), realtimeCallsPerCore: round(1 / coresPerCall, 1),
        });
        const last = levels.at(-1)!;
        say(`    reply p50 ${last.p50Ms} ms, p99 ${last.p99Ms} ms (heard p50 ${last.heard.p50Ms}, answered p50 ${last.answer.p50Ms}), ${last.cpuPerCallPct} % of a core per call`);
      }
    } finally {
      await events.stop();
      await running.stop();
    }
    const all = levels.flatMap((l) => l);
    // The latency goal is one caller's: the single-call level. Capacity: the busiest level.
    const first = all[0]!;
    const busiest = all.at(-1)!;
    return { whisperAloneP50Ms: round(aloneMs), levels: all, p50Ms: first.p50Ms, p99Ms: first.p99Ms, realtimeCallsPerCore: busiest.realtimeCallsPerCore, p50OverWhisperAlone: round(first.p50Ms / aloneMs, 2) };
  } finally {
    await speech.close();
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const logger = createLogger('bench-pipeline', 'error');
  say('starting Kafka, ClickHouse and NATS (or using KAFKA_BROKERS, CLICKHOUSE_URL, NATS_URL)…');
  const infra = await startInfra({ log: say });
  try {
    const overhead: OverheadLevel[] = [];
    const bench: Bench = { env: infra.env, logger, kafkaClient: args.kafkaClient, asrEarlyMs: args.asrEarlyMs, audioBatchFrames: args.audioBatchFrames };
    for (const calls of args.levels) overhead.push(await overheadLevel(bench, calls));
    process.stdout.write(`\n(a) pipeline overhead, end of utterance → first reply audio, instant speech engines (ms)\n${overheadTable(overhead)}\n`);
    process.stdout.write('    floor = transcript → action on the call\'s NATS subject through two pass-through processors on the same bus and load-free platform\n');
    const speech = args.speechCalls === 0 ? undefined : await speechPart(bench, args.speechCalls);
    if (speech !== undefined) {
      process.stdout.write('\n(b) real speech path, end of caller speech → first reply audio (Whisper base int8 + Piper, 8 kHz)\n');
      type Pair = { p50Ms: number; p99Ms: number };
      for (const l of speech.levels as Array<Record<string, number> & { heard: Pair; answer: Pair; control: Pair }>) {
        process.stdout.write(`  ${l.calls} call(s) at once: ${l.turns} turns, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms; of which end of speech → transcript p50 ${l.heard.p50Ms} ms, `
          + `transcript → reply audio p50 ${l.answer.p50Ms} ms (synthesis and playback p50 ${l.control.p50Ms} ms); ${l.cpuPerCallPct} % of a core per call → ${l.realtimeCallsPerCore} real-time calls per core\n`);
      }
      process.stdout.write(`  reference: Whisper alone p50 ${String(speech.whisperAloneP50Ms)} ms; reply p50 ÷ Whisper alone = ${String(speech.p50OverWhisperAlone)}\n`);
    }
    process.stdout.write(`${JSON.stringify({
      kafkaClient: args.kafkaClient, asrEarlyRecognitionMs: args.asrEarlyMs ?? 300, audioBatchFrames: args.audioBatchFrames ?? 'default',
      overhead: overhead.map((o) => ({ calls: o.calls, p50Ms: o.p50Ms, p99Ms: o.p99Ms, turns: o.turns, failedCalls: o.failedCalls, split: o.split, floorP50Ms: o.floorP50Ms, floorP99Ms: o.floorP99Ms, eventLoopBusy: o.eventLoopBusy, cpuCores: o.cpuCores })),
      speech: speech ?? null,
    })}\n`);
  } finally {
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:pipeline failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
