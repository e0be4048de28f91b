// The kafkajs adapter against a real broker (started by the test harness): the bus contract every
// adapter passes.
import { requireEnv } from '@switchboard/testkit';
import { KafkaBus } from '../../src/bus/kafka-bus';
import { createLogger } from '../../src/logger';
import { runBusContract } from './bus-contract';

const logger = createLogger('test', 'warn');

runBusContract('kafkajs', (partitions) =>
  new KafkaBus({ brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: 'runtime-test', partitions, logger, fastGroups: true }));
