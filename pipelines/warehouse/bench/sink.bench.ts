// npm run bench:sink — the sink's throughput from a Kafka backlog into ClickHouse, against
// clickhouse-client inserting the same rows, and event → queryable latency.
// Uses KAFKA_BROKERS / CLICKHOUSE_URL / CLICKHOUSE_TCP_PORT when set, else starts its own servers.
// BENCH_EVENTS (default 200000) sets the backlog size. The last line is one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createKafkaBus, topicNames, type Producer } from '@switchboard/runtime';
import { startInfra, uniqueName } from '@switchboard/testkit';
import { countAllEvents, createServerClient, loadWarehouseConfig, migrate, quoteIdentifier, startSink, type TableCounts } from '../src/index';
import { benchEvents } from './bench-events';
import { queryableLatency } from './queryable-latency';
import { referenceInsert, writeReferenceFiles } from './reference-insert';

const say = (line: string): void => { process.stderr.write(`bench:sink: ${line}\n`); };
const total = (c: TableCounts): number => Object.values(c).reduce((a, b) => a + b, 0);

async function produceAll(producer: Producer, records: Parameters<Producer['send']>[0]): Promise<void> {
  const chunk = 2000;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < records.length; i += chunk) {
    inFlight.push(producer.send(records.slice(i, i + chunk)));
    if (inFlight.length >= 8) await inFlight.shift();
  }
  await Promise.all(inFlight);
}

async function main(): Promise<void> {
  const approxEvents = Number(process.env.BENCH_EVENTS ?? 200_000);
  const infra = await startInfra({ need: ['kafka', 'clickhouse'], log: say });
  const tcpPort = Number(infra.env.CLICKHOUSE_TCP_PORT);
  if (!Number.isInteger(tcpPort) || tcpPort <= 0) throw new Error('CLICKHOUSE_TCP_PORT must be set with CLICKHOUSE_URL (clickhouse-client is the reference)');
  const logger = createLogger('bench', 'warn');
  const runId = uniqueName('bench');
  const prefix = `${runId}.`;
  const topics = topicNames(prefix);
  const bus = createKafkaBus(loadWarehouseConfig({ ...process.env, ...infra.env, KAFKA_CLIENT_ID: 'bench', KAFKA_FAST_GROUPS: 'true' }), logger);
  const client = createServerClient({ url: infra.env.CLICKHOUSE_URL! });
  const sinkDb = `${runId}_sink`;
  const refDb = `${runId}_ref`;
  const refDir = mkdtempSync(join(tmpdir(), 'wh-bench-ref-'));
  try {
    await Promise.all([migrate(client, { database: sinkDb }), migrate(client, { database: refDb })]);
    await bus.ensureTopics(Object.values(topics));

    let t0 = Date.now();
    // Generated data is dropped before the sink runs, so it does not burden the sink's heap.
    let gen: ReturnType<typeof benchEvents> | undefined = benchEvents(topics, 'bench', approxEvents, runId);
    const events = gen.events;
    const ref = writeReferenceFiles(gen.conversations.flatMap((c) => c.events), refDir);
    say(`generated ${events} events (${gen.conversations.length} conversations) and the reference files in ${Date.now() - t0} ms`);
    const producer = await bus.createProducer();
    t0 = Date.now();
    await produceAll(producer, gen.records);
    gen = undefined;
    say(`produced ${events} events to Kafka in ${Date.now() - t0} ms`);

    // Throughput: the sink starts on the full backlog; the clock stops when every row is queryable.
    t0 = Date.now();
    const sink = await startSink({ bus, topics, client, database: sinkDb, logger, groupId: `${runId}.warehouse` });
    let seen = 0;
    let firstRowMs = 0;
    while (seen < events) {
      await new Promise((r) => setTimeout(r, 100));
      seen = total(await countAllEvents(client, sinkDb));
      if (seen > 0 && firstRowMs === 0) firstRowMs = Date.now() - t0;
      if (Date.now() - t0 > 100_000) throw new Error(`only ${seen} of ${events} rows after 100 s`);
    }
    const sinkMs = Date.now() - t0;
    const rowsPerSec = Math.round(events / (sinkMs / 1000));
    say(`sink: ${events} rows queryable in ${sinkMs} ms from start = ${rowsPerSec} rows/s`);
    say(`  (first rows after ${firstRowMs} ms, mostly the consumer-group join; after that ${Math.round(events / ((sinkMs - firstRowMs) / 1000))} rows/s)`);

    const reference = await referenceInsert(ref, refDb, tcpPort);
    const clickhouseClientRowsPerSec = Math.round(reference.rows / (reference.elapsedMs / 1000));
    say(`clickhouse-client: ${reference.rows} rows in ${reference.elapsedMs} ms = ${clickhouseClientRowsPerSec} rows/s`);

    const lat = await queryableLatency(producer, topics, client, sinkDb, runId, 200, 20);
    say(`event → queryable over ${lat.samples} samples: p50 ${lat.p50Ms} ms, p99 ${lat.p99Ms} ms, max ${lat.maxMs} ms`);

    await sink.stop();
    await producer.close();
    const ratio = Math.round((rowsPerSec / clickhouseClientRowsPerSec) * 1000) / 1000;
    say(`ratio sink / clickhouse-client = ${ratio}`);
    process.stdout.write(`${JSON.stringify({ rowsPerSec, clickhouseClientRowsPerSec, ratio, queryableP99Ms: lat.p99Ms })}\n`);
  } finally {
    rmSync(refDir, { recursive: true, force: true });
    for (const db of [sinkDb, refDb]) await client.command({ query: `DROP DATABASE IF EXISTS ${quoteIdentifier(db)}` }).catch(() => undefined);
    await bus.close();
    await client.close();
    await infra.stop();
  }
}

main().then(
  () => { process.exit(0); },
  (err: unknown) => {
    say(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
