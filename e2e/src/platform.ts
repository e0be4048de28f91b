// Starts the spine in this process for an end-to-end test: migrations, the warehouse sink and a
// gateway, on the real servers named by the harness env, under a unique topic prefix and database.
import type { ClickHouseClient } from '@clickhouse/client';
import { startGateway, loadGatewayConfig, type RunningGateway } from '@switchboard/gateway';
import { createKafkaBus, createLogger, topicNames, type Bus, type Logger, type TopicNames } from '@switchboard/runtime';
import { requireEnv, uniqueName } from '@switchboard/testkit';
import { createServerClient, loadWarehouseConfig, migrate, startSink, type RunningSink } from '@switchboard/warehouse';

export interface Spine {
  readonly topics: TopicNames;
  readonly database: string;
  readonly clickhouse: ClickHouseClient;
  readonly gateway: RunningGateway;
  readonly sink: RunningSink;
  readonly bus: Bus;
  readonly logger: Logger;
  stop(): Promise<void>;
}

export async function startSpine(name: string, partitions = 6): Promise<Spine> {
  const logger = createLogger(`e2e-${name}`, 'warn');
  const prefix = uniqueName(name) + '.';
  const topics = topicNames(prefix);
  const database = uniqueName(name).replace(/[^a-z0-9_]/g, '_');
  const brokers = requireEnv('KAFKA_BROKERS');
  const clickhouse = createServerClient({ url: requireEnv('CLICKHOUSE_URL') });
  await migrate(clickhouse, { database });
  const bus = createKafkaBus(loadWarehouseConfig({ ...process.env, KAFKA_PARTITIONS: String(partitions), KAFKA_CLIENT_ID: 'e2e-sink', KAFKA_FAST_GROUPS: 'true', CLICKHOUSE_URL: requireEnv('CLICKHOUSE_URL') }), logger);
  const sink = await startSink({ bus, topics, client: clickhouse, database, logger, groupId: uniqueName('sb.warehouse'), batchMaxWaitMs: 200 });
  const gateway = await startGateway(loadGatewayConfig({
    KAFKA_BROKERS: brokers,
    KAFKA_PARTITIONS: String(partitions),
    KAFKA_TOPIC_PREFIX: prefix,
    NATS_URL: requireEnv('NATS_URL'),
    ...(process.env.KAFKA_CLIENT ? { KAFKA_CLIENT: process.env.KAFKA_CLIENT } : {}),
    GATEWAY_GRPC_PORT: '0',
    GATEWAY_HTTP_PORT: '0',
    GATEWAY_BIND_HOST: '127.0.0.1',
    GATEWAY_DRAIN_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'warn',
  }), { logger });
  return {
    topics, database, clickhouse, gateway, sink, bus, logger,
    stop: async () => {
      await gateway.stop();
      await sink.stop();
      await bus.close();
      await clickhouse.command({ query: `DROP DATABASE IF EXISTS ${database}` });
      await clickhouse.close();
    },
  };
}
