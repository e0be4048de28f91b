// @switchboard/testkit: real Kafka / ClickHouse / NATS servers for tests, and test helpers.
export { startKafka, type KafkaServer, type StartKafkaOptions } from './kafka-server';
export { startClickHouse, type ClickHouseServer, type StartClickHouseOptions } from './clickhouse-server';
export { startNats, type NatsServer, type StartNatsOptions } from './nats-server';
export { startInfra, ALL_SERVICES, type Infra, type InfraOptions, type Service } from './infra';
export { requireEnv, uniqueName } from './test-env';
export { findRepoRoot } from './paths';
export { brokerList } from './kafka-probe';
export { readTopicsToEnd, type LogRecord, type ReadToEndOptions } from './kafka-read';
export { runSipp, sippBinary, startSippUas, type SippOptions, type SippResult, type SippUas } from './sipp';
export { freePorts } from './ports';
export { processCpuSeconds } from './process-cpu';
