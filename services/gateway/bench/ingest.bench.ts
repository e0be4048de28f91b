// Ingest benchmark: the gateway as a child process, N concurrent real-time calls (20 ms G.711
// frames) from this process, for each level: frames/s accepted and published, dropped frames
// (sent − published, by the gateway's metrics and by counting frames on Kafka), gateway CPU per
// call (CPU seconds per second of call audio, in % of one core), publish p99 (the gateway's
// histogram). Reference: kcat producing the same audio records to the same broker.
//   npm run bench:ingest [-- --levels 100,500,1000,2000 --seconds 10]
// Uses KAFKA_BROKERS / NATS_URL when set, else starts Kafka and NATS through the testkit.
// Ends with exactly one JSON line.
import { randomBytes } from 'node:crypto';
import { startInfra, type Infra } from '@switchboard/testkit';
import { auditAudioTopic, deleteTopicsWithPrefix, type RawRecord } from './lib/kafka-audit';
import { startGatewayProcess } from './lib/gateway-process';
import { assertKcatInstalled, runKcatReference } from './lib/kcat-reference';
import { runLoad } from './lib/load-generator';
import { histogramQuantile, sampleValue } from './lib/prom';

interface Args {
  readonly levels: readonly number[];
  readonly seconds: number;
  /** --cpu-prof DIR: a V8 CPU profile of the gateway per level (open in Chrome DevTools). */
  readonly cpuProfileDir?: string;
}

interface LevelResult {
  readonly calls: number;
  readonly framesPerSec: number;
  readonly droppedFrames: number;
  readonly cpuPctPerCall: number;
  readonly publishP99Ms: number;
  // Table-only detail.
  readonly accepted: number;
  readonly offeredFramesPerSec: number;
  readonly framesSent: number;
  readonly framesOnKafka: number;
  readonly droppedByMetrics: number;
  readonly gatewayDropCounter: number;
  readonly cpuPct: number;
  /** From the last frame written to the last call's final status. */
  readonly tailS: number;
  readonly statuses: string;
}

const PARTITIONS = 6;

function parseArgs(argv: readonly string[]): Args {
  let levels = [100, 500, 1000, 2000];
  let seconds = 10;
  let cpuProfileDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--levels' && value !== undefined) {
      levels = value.split(',').map((s) => Number(s.trim()));
      i++;
    } else if (flag === '--seconds' && value !== undefined) {
      seconds = Number(value);
      i++;
    } else if (flag === '--cpu-prof' && value !== undefined) {
      cpuProfileDir = value;
      i++;
    } else {
      throw new Error(`unknown argument ${flag ?? ''}: use --levels 100,500,1000,2000 --seconds 10 [--cpu-prof DIR]`);
    }
  }
  if (levels.length === 0 || !levels.every((n) => Number.isInteger(n) && n > 0)) throw new Error('--levels: comma-separated positive integers');
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error('--seconds: a positive integer');
  return cpuProfileDir === undefined ? { levels, seconds } : { levels, seconds, cpuProfileDir };
}

const say = (line: string): void => { process.stderr.write(`bench: ${line}\n`); };
const round = (n: number, digits: number): number => Number(n.toFixed(digits));

async function runLevel(calls: number, args: Args, env: Readonly<Record<string, string>>, runTag: string, keep: boolean): Promise<{ result: LevelResult; kept: readonly RawRecord[] }> {
  const { seconds } = args;
  const prefix = `${runTag}_${calls}.`;
  const gateway = await startGatewayProcess({
    ...env, KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS: String(PARTITIONS), LOG_LEVEL: 'warn',
    GATEWAY_MAX_CALLS: String(Math.max(5000, calls)),
  }, args.cpuProfileDir === undefined ? {} : { cpuProfileDir: args.cpuProfileDir });
  let load;
  let cpuSeconds: number;
  let metrics: string;
  try {
    // CPU over the same window as the rates: first frame to the last call's end (setup excluded).
    let cpuAtStart = 0;
    let cpuAtEnd = 0;
    load = await runLoad(gateway.grpcAddress, calls, seconds, `${runTag}-${calls}`, {
      streaming: () => { cpuAtStart = gateway.cpuSeconds(); },
      ended: () => { cpuAtEnd = gateway.cpuSeconds(); },
    });
    cpuSeconds = cpuAtEnd - cpuAtStart;
    metrics = await gateway.metrics();
  } finally {
    const code = await gateway.stop();
    if (code !== 0) say(`gateway exited with code ${code ?? 'null'}`);
  }
  const audit = await auditAudioTopic(env.KAFKA_BROKERS!.split(','), `${prefix}sb.audio`, keep);
  const windowS = (load.allEndedMs - load.streamStartMs) / 1000;
  const published = sampleValue(metrics, 'sb_gateway_frames_published_total');
  const cpuPct = (cpuSeconds / windowS) * 100;
  return {
    kept: audit.kept,
    result: {
      calls,
      framesPerSec: round(audit.frames / windowS, 0),
      droppedFrames: load.framesSent - audit.frames,
      // CPU seconds per second of call audio: the share of one core one real-time call costs
      // (independent of how long the tail after the last frame took).
      cpuPctPerCall: round(audit.frames === 0 ? 0 : (cpuSeconds / (audit.frames * 0.02)) * 100, 4),
      publishP99Ms: round(histogramQuantile(metrics, 'sb_gateway_publish_latency_ms', 0.99), 1),
      accepted: load.callsAccepted,
      offeredFramesPerSec: round(load.framesSent / ((load.sendEndMs - load.streamStartMs) / 1000), 0),
      framesSent: load.framesSent,
      framesOnKafka: audit.frames,
      droppedByMetrics: load.framesSent - published,
      gatewayDropCounter: sampleValue(metrics, 'sb_gateway_frames_dropped_total'),
      cpuPct: round(cpuPct, 1),
      tailS: round((load.allEndedMs - load.sendEndMs) / 1000, 1),
      statuses: Object.entries(load.statusCounts).map(([c, n]) => `${c === '0' ? 'OK' : `code ${c}`}×${n}`).join(' '),
    },
  };
}

function table(rows: readonly LevelResult[]): string {
  const head = ['calls', 'accepted', 'offered f/s', 'published f/s', 'sent', 'on Kafka', 'dropped', 'dropped (metrics)', 'drop ctr', 'CPU %', 'CPU %/call', 'p99 ms', 'tail s', 'statuses'];
  const body = rows.map((r) => [r.calls, r.accepted, r.offeredFramesPerSec, r.framesPerSec, r.framesSent, r.framesOnKafka, r.droppedFrames, r.droppedByMetrics, r.gatewayDropCounter, r.cpuPct, r.cpuPctPerCall, r.publishP99Ms, r.tailS, r.statuses].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  assertKcatInstalled();
  let infra: Infra | undefined;
  const given = process.env.KAFKA_BROKERS !== undefined && process.env.NATS_URL !== undefined;
  if (!given) {
    say('starting Kafka and NATS (set KAFKA_BROKERS and NATS_URL to use running ones)');
    infra = await startInfra({ need: ['kafka', 'nats'], log: say });
  }
  const env = { KAFKA_BROKERS: infra?.env.KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? '', NATS_URL: infra?.env.NATS_URL ?? process.env.NATS_URL ?? '' };
  const brokers = env.KAFKA_BROKERS.split(',');
  const runTag = `bench_${randomBytes(4).toString('hex')}`;
  try {
    const results: LevelResult[] = [];
    let maxKept: readonly RawRecord[] = [];
    const maxLevel = Math.max(...args.levels);
    for (const calls of args.levels) {
      say(`${calls} calls × ${args.seconds} s…`);
      const { result, kept } = await runLevel(calls, args, env, runTag, calls === maxLevel);
      if (calls === maxLevel) maxKept = kept;
      results.push(result);
      say(`${calls} calls: ${result.framesPerSec} frames/s published, ${result.droppedFrames} dropped, p99 ${result.publishP99Ms} ms`);
    }
    say(`kcat reference: ${maxKept.length} audio records of the ${maxLevel}-call level…`);
    const kcat = await runKcatReference(brokers, `${runTag}_kcat`, PARTITIONS, maxKept);
    const framesPerRecord = maxKept.length === 0 ? 0 : results.find((r) => r.calls === maxLevel)!.framesOnKafka / maxKept.length;
    const kcatFramesPerSec = round((kcat.records * framesPerRecord) / (kcat.elapsedMs / 1000), 0);
    const gatewayAtMax = results.find((r) => r.calls === maxLevel)!.framesPerSec;
    const ratioToKcat = kcatFramesPerSec === 0 ? 0 : round(gatewayAtMax / kcatFramesPerSec, 3);
    console.log(table(results));
    console.log(`kcat: ${kcat.records} records (${round(framesPerRecord, 2)} frames each) in ${round(kcat.elapsedMs, 0)} ms = ${kcatFramesPerSec} frames/s; gateway at ${maxLevel} calls ÷ kcat = ${ratioToKcat}`);
    const levels = results.map((r) => ({ calls: r.calls, framesPerSec: r.framesPerSec, droppedFrames: r.droppedFrames, cpuPctPerCall: r.cpuPctPerCall, publishP99Ms: r.publishP99Ms }));
    console.log(JSON.stringify({ levels, kcatFramesPerSec, ratioToKcat }));
  } finally {
    if (infra) await infra.stop();
    else await deleteTopicsWithPrefix(brokers, runTag).catch((err: unknown) => { say(`could not delete the bench topics: ${String(err)}`); });
  }
}

main().then(
  () => { process.exit(0); },
  (err: unknown) => {
    say(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
