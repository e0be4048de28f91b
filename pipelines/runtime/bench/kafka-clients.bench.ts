// Kafka client benchmark THROUGH THE BUS PORT: kafkajs (KafkaBus) against @platformatic/kafka
// (PlatformaticKafkaBus) on a real broker, with kcat (librdkafka) as the C reference for produce.
//
//   npm run bench:kafka            (starts a private broker with the testkit unless KAFKA_BROKERS is set)
//
// Workload, the same for every client:
// - produce: 100,000 encoded Envelopes (~200 B, transcript events) over 1,000 conversation keys into a
//   6-partition topic, acks=all, idempotent, as send() calls of 100 records with 16 sends in flight
//   -> msg/s and the p99 of send() -> ack;
// - consume: all of them in one new group (concurrency 3, commit after each batch) -> msg/s from
//   subscribe() resolved (member joined) to the last record handled; the join is reported apart;
// - end to end: 5,000 msg/s for 5 s (sends of 10 records every 2 ms) -> p99 of send() call -> onBatch.
// Each client runs twice, alternating order; the table shows both runs and the best of each figure.
// The last line is JSON: {"clients":[{name,produceMsgPerSec,produceAckP99Ms,consumeMsgPerSec,e2eP99Ms}],"kcatProduceMsgPerSec":…}.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startInfra, uniqueName, type Infra } from '@switchboard/testkit';
import { KafkaBus } from '../src/bus/kafka-bus';
import { PlatformaticKafkaBus } from '../src/bus/platformatic-bus';
import type { Bus, OutboundRecord } from '../src/bus/port';
import { encodeEnvelope, newEnvelope } from '../src/envelope';
import { createLogger } from '../src/logger';

const RECORDS = 100_000;
const KEYS = 1_000;
const PARTITIONS = 6;
const SEND_SIZE = 100;
const SENDS_IN_FLIGHT = 16;
const E2E_RATE = 5_000; // msg/s
const E2E_SECONDS = 5;
const E2E_TICK_MS = 2;
const PHASE_TIMEOUT_MS = 60_000;

const logger = createLogger('bench', 'warn');

interface ClientSpec {
  readonly name: string;
  readonly make: (brokers: string[]) => Bus;
}

const CLIENTS: readonly ClientSpec[] = [
  { name: 'kafkajs', make: (brokers) => new KafkaBus({ brokers, clientId: 'bench', partitions: PARTITIONS, logger }) },
  { name: '@platformatic/kafka', make: (brokers) => new PlatformaticKafkaBus({ brokers, clientId: 'bench', partitions: PARTITIONS, logger }) },
];

interface RunResult {
  readonly name: string;
  readonly round: number;
  readonly produceMsgPerSec: number;
  readonly produceAckP99Ms: number;
  readonly consumeMsgPerSec: number;
  readonly consumeJoinMs: number;
  readonly e2eP50Ms: number;
  readonly e2eP99Ms: number;
}

interface Workload {
  readonly keys: readonly string[];
  readonly values: readonly Buffer[];
}

function buildWorkload(): Workload {
  const keys = Array.from({ length: KEYS }, () => randomUUID());
  const words = 'yes I would like to change the delivery address for my order to the office please thank you'.split(' ');
  const values: Buffer[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const key = keys[i % KEYS]!;
    const text = Array.from({ length: 12 }, (_, w) => words[(i + w * 7) % words.length]!).join(' ');
    const env = newEnvelope({ tenantId: 'tenant-bench', conversationId: key, source: 'asr' }, 'transcript', {
      utteranceId: `u-${i}`, isFinal: true, text, language: 'en', confidence: 0.93, startMs: i * 10, endMs: i * 10 + 1800, words: [], prosody: undefined,
    });
    const bytes = encodeEnvelope(env);
    values.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return { keys, values };
}

/** Topic setup is not what is measured: a transient failure (seen with kafkajs' waitForLeaders on an
 * overloaded machine) is retried and reported instead of aborting the benchmark. */
async function setupTopic(bus: Bus, name: string, topic: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.ensureTopics([topic]);
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
      console.error(`${name}: ensureTopics failed (attempt ${attempt}, retrying): ${err instanceof Error ? err.message : String(err)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

async function waitFor(cond: () => boolean, what: string, timeoutMs = PHASE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function produceAll(bus: Bus, topic: string, w: Workload): Promise<{ msgPerSec: number; ackP99Ms: number }> {
  const producer = await bus.createProducer();
  // Warm-up outside the measurement: connections, metadata, the idempotent producer id.
  await producer.send([{ topic, key: w.keys[0]!, value: w.values[0]!, headers: { 'sb-event-type': 'transcript' } }]);
  const acks: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const lane = async (): Promise<void> => {
    while (next < RECORDS) {
      const from = next;
      next = Math.min(RECORDS, next + SEND_SIZE);
      const records: OutboundRecord[] = [];
      for (let i = from; i < next; i++) records.push({ topic, key: w.keys[i % KEYS]!, value: w.values[i]!, headers: { 'sb-event-type': 'transcript' } });
      const s = performance.now();
      await producer.send(records);
      acks.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: SENDS_IN_FLIGHT }, () => lane()));
  const elapsed = performance.now() - t0;
  await producer.close();
  acks.sort((a, b) => a - b);
  return { msgPerSec: RECORDS / (elapsed / 1000), ackP99Ms: percentile(acks, 99) };
}

async function consumeAll(bus: Bus, topic: string): Promise<{ msgPerSec: number; joinMs: number }> {
  const expected = RECORDS + 1; // + the warm-up record
  const seen = new Set<string>();
  let count = 0;
  let done = 0;
  const t0 = performance.now();
  const sub = await bus.subscribe({
    groupId: uniqueName('bench'),
    topics: [topic],
    fromBeginning: true,
    concurrency: 3,
    onBatch: (batch) => {
      for (const r of batch.records) seen.add(`${r.partition}:${r.offset}`);
      count += batch.records.length;
      if (count >= expected && done === 0) done = performance.now();
      return Promise.resolve();
    },
  });
  // Both adapters resolve subscribe() once the member joined the group: the rate counts from there,
  // so it includes fetching and decoding the first responses but not the group join.
  const ready = performance.now();
  try {
    await waitFor(() => count >= expected, `${expected} consumed records`);
    await new Promise((r) => setTimeout(r, 100)); // any redelivery would show as a duplicate
  } finally {
    await sub.stop();
  }
  if (seen.size !== expected || count !== expected) {
    throw new Error(`consumed ${count} records, ${seen.size} distinct offsets, expected ${expected}`);
  }
  return { msgPerSec: expected / ((done - Math.min(ready, done)) / 1000), joinMs: ready - t0 };
}

async function endToEnd(bus: Bus, name: string, w: Workload): Promise<{ p50: number; p99: number }> {
  const topic = uniqueName('bench_e2e');
  await setupTopic(bus, name, topic);
  const producer = await bus.createProducer();
  const latencies: number[] = [];
  let warm = false;
  const sub = await bus.subscribe({
    groupId: uniqueName('bench'),
    topics: [topic],
    fromBeginning: true,
    concurrency: 3,
    onBatch: (batch) => {
      const now = performance.now();
      for (const r of batch.records) {
        const sent = r.headers['bench-sent'];
        if (sent === undefined) warm = true;
        else latencies.push(now - Number(sent));
      }
      return Promise.resolve();
    },
  });
  const total = E2E_RATE * E2E_SECONDS;
  try {
    await producer.send([{ topic, key: w.keys[0]!, value: w.values[0]! }]);
    await waitFor(() => warm, 'the warm-up record (group joined)');
    const perTick = (E2E_RATE * E2E_TICK_MS) / 1000;
    const sends: Promise<void>[] = [];
    let produced = 0;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        // Catch up with the schedule after a late tick, so the rate holds on average.
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * E2E_RATE) + perTick);
        while (produced < due) {
          const n = Math.min(10, due - produced);
          const sentAt = String(performance.now());
          const records: OutboundRecord[] = [];
          for (let i = 0; i < n; i++) {
            const idx = (produced + i) % RECORDS;
            records.push({ topic, key: w.keys[idx % KEYS]!, value: w.values[idx]!, headers: { 'sb-event-type': 'transcript', 'bench-sent': sentAt } });
          }
          produced += n;
          sends.push(producer.send(records));
        }
        if (produced >= total) {
          clearInterval(timer);
          resolve();
        }
      }, E2E_TICK_MS);
    });
    await Promise.all(sends);
    await waitFor(() => latencies.length >= total, `${total} end-to-end records`);
  } finally {
    await sub.stop();
    await producer.close();
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function runClient(spec: ClientSpec, round: number, brokers: string[], w: Workload): Promise<RunResult> {
  const bus = spec.make(brokers);
  try {
    const topic = uniqueName('bench');
    await setupTopic(bus, spec.name, topic);
    const produced = await produceAll(bus, topic, w);
    const consumed = await consumeAll(bus, topic);
    const e2e = await endToEnd(bus, spec.name, w);
    return {
      name: spec.name, round,
      produceMsgPerSec: produced.msgPerSec, produceAckP99Ms: produced.ackP99Ms,
      consumeMsgPerSec: consumed.msgPerSec, consumeJoinMs: consumed.joinMs,
      e2eP50Ms: e2e.p50, e2eP99Ms: e2e.p99,
    };
  } finally {
    await bus.close();
  }
}

/** kcat (librdkafka) producing the same records: acks=all, idempotent, Java-compatible murmur2. */
async function kcatProduce(brokers: string, w: Workload): Promise<number | null> {
  if (spawnSync('kcat', ['-V'], { stdio: 'ignore' }).error) {
    console.error('kcat is not installed (Debian package kcat): the C reference is skipped');
    return null;
  }
  const KEY_DELIM = Buffer.from([0x1f]);
  const MSG_DELIM = Buffer.from([0x1e, 0x1d, 0x1c, 0x1b]);
  const parts: Buffer[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const value = w.values[i]!;
    if (value.includes(MSG_DELIM)) throw new Error('a record contains the kcat delimiter');
    parts.push(Buffer.from(w.keys[i % KEYS]!, 'utf8'), KEY_DELIM, value, MSG_DELIM);
  }
  const dir = mkdtempSync(join(tmpdir(), 'sb-kcat-'));
  const file = join(dir, 'records.bin');
  writeFileSync(file, Buffer.concat(parts));
  const topic = uniqueName('bench_kcat');
  const admin = new PlatformaticKafkaBus({ brokers: brokers.split(','), clientId: 'bench', partitions: PARTITIONS, logger });
  try {
    await setupTopic(admin, 'kcat', topic);
    const args = ['-P', '-b', brokers, '-t', topic, '-K', '\x1f', '-D', '\x1e\x1d\x1c\x1b', '-X', 'acks=all', '-X', 'enable.idempotence=true',
      '-X', 'partitioner=murmur2_random', '-l', file];
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn('kcat', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('error', reject);
      child.on('exit', (code) => { if (code === 0) resolve(); else reject(new Error(`kcat exited with ${code}: ${stderr.slice(-500)}`)); });
    });
    return RECORDS / ((performance.now() - t0) / 1000);
  } finally {
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
}

async function main(): Promise<void> {
  const started = performance.now();
  const infra: Infra = await startInfra({ need: ['kafka'], log: (l) => { console.error(l); } });
  try {
    const brokers = infra.env.KAFKA_BROKERS!;
    console.error(`node ${process.version}; broker ${brokers}; ${RECORDS.toLocaleString('en-US')} records, ${KEYS} keys, ${PARTITIONS} partitions`);
    const w = buildWorkload();
    const avg = w.values.reduce((s, v) => s + v.length, 0) / w.values.length;
    console.error(`record value: ${avg.toFixed(0)} B on average (encoded transcript Envelope), key 36 B, 1 header`);

    const kcat = await kcatProduce(brokers, w);
    if (kcat !== null) console.error(`kcat: ${fmt(kcat)} msg/s`);

    const results: RunResult[] = [];
    const orders = [CLIENTS, [...CLIENTS].reverse()];
    for (let round = 1; round <= orders.length; round++) {
      for (const spec of orders[round - 1]!) {
        const r = await runClient(spec, round, brokers.split(','), w);
        console.error(`round ${round} ${spec.name}: produce ${fmt(r.produceMsgPerSec)} msg/s (ack p99 ${fmt(r.produceAckP99Ms, 1)} ms), ` +
          `consume ${fmt(r.consumeMsgPerSec)} msg/s, e2e p99 ${fmt(r.e2eP99Ms, 1)} ms`);
        results.push(r);
      }
    }

    const best = CLIENTS.map((spec) => {
      const runs = results.filter((r) => r.name === spec.name);
      return {
        name: spec.name,
        produceMsgPerSec: Math.round(Math.max(...runs.map((r) => r.produceMsgPerSec))),
        produceAckP99Ms: Number(Math.min(...runs.map((r) => r.produceAckP99Ms)).toFixed(1)),
        consumeMsgPerSec: Math.round(Math.max(...runs.map((r) => r.consumeMsgPerSec))),
        e2eP99Ms: Number(Math.min(...runs.map((r) => r.e2eP99Ms)).toFixed(1)),
      };
    });

    const widths = [28, 13, 11, 8, 13, 9, 9, 9];
    const lines = [
      pad(['client / run', 'produce msg/s', 'vs kcat', 'ack p99', 'consume msg/s', 'join ms', 'e2e p50', 'e2e p99'], widths),
    ];
    const ratio = (v: number): string => (kcat === null ? 'n/a' : `${(v / kcat).toFixed(2)}×`);
    for (const r of results) {
      lines.push(pad([`${r.name} #${r.round}`, fmt(r.produceMsgPerSec), ratio(r.produceMsgPerSec), `${fmt(r.produceAckP99Ms, 1)} ms`,
        fmt(r.consumeMsgPerSec), fmt(r.consumeJoinMs), `${fmt(r.e2eP50Ms, 1)} ms`, `${fmt(r.e2eP99Ms, 1)} ms`], widths));
    }
    for (const b of best) {
      lines.push(pad([`${b.name} best`, fmt(b.produceMsgPerSec), ratio(b.produceMsgPerSec), `${fmt(b.produceAckP99Ms, 1)} ms`,
        fmt(b.consumeMsgPerSec), '', '', `${fmt(b.e2eP99Ms, 1)} ms`], widths));
    }
    if (kcat !== null) lines.push(pad(['kcat (librdkafka) produce', fmt(kcat), '1.00×', '', '', '', '', ''], widths));
    console.log(lines.join('\n'));
    console.error(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify({ clients: best, kcatProduceMsgPerSec: kcat === null ? null : Math.round(kcat) }));
  } finally {
    await infra.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
