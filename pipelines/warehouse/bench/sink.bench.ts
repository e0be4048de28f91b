// npm run bench:sink — the sink's throughput from a Kafka backlog into ClickHouse, against
// clickhouse-client inserting the same rows, and event → queryable latency.
// Uses KAFKA_BROKERS / CLICKHOUSE_URL / CLICKHOUSE_TCP_PORT when set, else starts its own servers.
// BENCH_EVENTS (default 200000) sets the backlog size; the sink reads WAREHOUSE_BATCH_MAX_ROWS and
// WAREHOUSE_BATCH_MAX_WAIT_MS like main.js does. The last line is one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createLogger, createKafkaBus, topicNames, type Producer } from '@switchboard/runtime';
import { startInfra, uniqueName } from '@switchboard/testkit';
import type { ClickHouseClient } from '@clickhouse/client';
import { countAllEvents, createServerClient, loadWarehouseConfig, migrate, quoteIdentifier, quoteString, startSink, type TableCounts } from '../src/index';
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

/**
 * Polls until every event is queryable; returns ms from t0 to then, and to the first rows. The
 * cheap poll (rows in active parts, from system.parts) runs every 20 ms; the exact, deduplicated
 * count (a scan of every event_id, ~40 ms of a server core for this backlog) only runs once the
 * cheap one says it can be complete, and decides. Polling the exact count every 100 ms, as this
 * bench first did, took about a third of a core from the 2-core machine while the sink ran, and
 * its period added up to 100 ms to the measured time: a cost of measuring, not of the sink.
 */
async function waitUntilQueryable(client: ClickHouseClient, database: string, events: number, t0: number): Promise<{ sinkMs: number; firstRowMs: number }> {
  const partsQuery = `SELECT toUInt64(sum(rows)) AS n FROM system.parts WHERE database = ${quoteString(database)} AND active`;
  let firstRowMs = 0;
  let exact = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 20));
    const rs = await client.query({ query: partsQuery, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 0 } });
    const [{ n } = { n: 0 }] = await rs.json<{ n: number }>();
    if (n > 0 && firstRowMs === 0) firstRowMs = Date.now() - t0;
    // Copies of an event count in `n`, never in `exact`: only the exact count may stop the clock.
    if (n >= events && (exact = total(await countAllEvents(client, database))) >= events) return { sinkMs: Date.now() - t0, firstRowMs };
    if (Date.now() - t0 > 100_000) throw new Error(`only ${Math.max(n, exact)} of ${events} rows after 100 s`);
  }
}

/**
 * A full garbage collection. The bench generates its events in the sink's process; left to V8,
 * that garbage would be collected during the sink's timed run, slowing every scavenge there.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
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
  const config = loadWarehouseConfig({ ...process.env, ...infra.env, KAFKA_CLIENT_ID: 'bench', KAFKA_FAST_GROUPS: 'true' });
  const bus = createKafkaBus(config, logger);
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
    // The generated events (~400 MB of heap) are garbage now; collected here, not on the sink's clock.
    collectGarbage();

    // Configured like main.js: its own consumer, and WAREHOUSE_BATCH_MAX_ROWS / _MAX_WAIT_MS when set.
    const kafka = { brokers: config.kafkaBrokers, clientId: config.kafkaClientId, fastGroups: config.kafkaFastGroups };
    const batches = { batchMaxRows: config.batchMaxRows, batchMaxWaitMs: config.batchMaxWaitMs };
    say(`sink: at most ${config.batchMaxRows} rows per insert and table`);
    // Throughput: the sink starts on the full backlog; the clock stops when every row is queryable.
    t0 = Date.now();
    const sink = await startSink({ bus, topics, client, database: sinkDb, logger, groupId: `${runId}.warehouse`, kafka, ...batches });
    const { sinkMs, firstRowMs } = await waitUntilQueryable(client, sinkDb, events, t0);
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
