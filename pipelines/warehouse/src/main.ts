// The warehouse process: config → ops HTTP server → migrations → sink; SIGTERM drains.
// A bad configuration exits with code 1 and one line naming the variables (never their values).
import { collectDefaultMetrics } from 'prom-client';
import { createKafkaBus, createLogger, errorMessage, onShutdown, startOpsServer, topicNames, type Logger } from '@switchboard/runtime';
import { createServerClient } from './clickhouse/clients';
import { clickHouseErrorText } from './clickhouse/error-text';
import { loadWarehouseConfig, type WarehouseConfig } from './config';
import { migrate } from './migrate';
import { createSinkMetrics } from './sink/metrics';
import { startSink } from './sink/sink';

const DRAIN_DEADLINE_MS = 20_000;
const MIGRATE_ATTEMPTS = 10;

/** ClickHouse may come up after us (a fresh cluster): retry the migrations for a while. */
async function migrateWithRetry(config: WarehouseConfig, logger: Logger, run: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (err) {
      if (attempt >= MIGRATE_ATTEMPTS) throw err;
      logger.warn('migrations failed, retrying', { attempt, database: config.clickhouseDatabase, error: clickHouseErrorText(err) });
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
    }
  }
}

async function main(): Promise<void> {
  let config: WarehouseConfig;
  try {
    config = loadWarehouseConfig();
  } catch (err) {
    process.stderr.write(`warehouse: ${errorMessage(err)}\n`);
    process.exit(1);
  }
  const logger = createLogger('warehouse', config.logLevel);
  const metrics = createSinkMetrics();
  collectDefaultMetrics({ register: metrics.registry });
  let ready = false;
  const ops = await startOpsServer({ port: config.httpPort, registry: metrics.registry, isReady: () => ready });
  logger.info('ops server listening', { port: ops.port });

  const client = createServerClient({ url: config.clickhouseUrl, user: config.clickhouseUser, password: config.clickhousePassword });
  await migrateWithRetry(config, logger, () =>
    migrate(client, { database: config.clickhouseDatabase, log: (line) => { logger.info(line); } }),
  );

  const bus = createKafkaBus(config, logger);
  const sink = await startSink({
    bus,
    topics: topicNames(config.topicPrefix),
    client,
    database: config.clickhouseDatabase,
    logger,
    batchMaxRows: config.batchMaxRows,
    batchMaxWaitMs: config.batchMaxWaitMs,
    metrics,
    kafka: { brokers: config.kafkaBrokers, clientId: config.kafkaClientId, fastGroups: config.kafkaFastGroups },
    onFatal: (err) => {
      logger.error('consumer gave up, exiting to be restarted', { error: errorMessage(err) });
      process.exit(1);
    },
  });
  ready = true;
  onShutdown(logger, DRAIN_DEADLINE_MS, [
    () => { ready = false; return Promise.resolve(); },
    () => sink.stop(),
    () => bus.close(),
    () => client.close(),
    () => ops.close(),
  ]);
}

main().catch((err: unknown) => {
  process.stderr.write(`warehouse: failed to start: ${clickHouseErrorText(err)}\n`);
  process.exit(1);
});
