// Checks servers given by environment variables (KAFKA_BROKERS, CLICKHOUSE_URL, NATS_URL).
import { connect } from '@nats-io/transport-node';
import { errorText, pingClickHouseOnce } from './http-probe';
import { waitForKafka } from './kafka-probe';

const HINT = 'unset it to let the harness start its own server, or start that server';

export async function checkKafkaEnv(brokers: string, timeoutMs = 3000): Promise<void> {
  try {
    await waitForKafka({ brokers, timeoutMs });
  } catch (err) {
    throw new Error(`KAFKA_BROKERS=${brokers} is set but no Kafka broker answers there: ${errorText(err)}; ${HINT}`, { cause: err });
  }
}

export async function checkClickHouseEnv(url: string, timeoutMs = 3000): Promise<void> {
  try {
    await pingClickHouseOnce(url, timeoutMs);
  } catch (err) {
    throw new Error(`CLICKHOUSE_URL=${url} is set but no ClickHouse server answers GET /ping there: ${errorText(err)}; ${HINT}`, { cause: err });
  }
}

export async function checkNatsEnv(url: string, timeoutMs = 3000): Promise<void> {
  try {
    const nc = await connect({ servers: url, timeout: timeoutMs, reconnect: false });
    await nc.flush();
    await nc.close();
  } catch (err) {
    throw new Error(`NATS_URL=${url} is set but no NATS server answers there: ${errorText(err)}; ${HINT}`, {
      cause: err,
    });
  }
}
