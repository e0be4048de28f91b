// @switchboard/warehouse: Kafka → ClickHouse sink, migrations and read helpers.
export { loadWarehouseConfig, DATABASE_NAME_PATTERN, type WarehouseConfig } from './config';
export { migrate, readMigrations, splitStatements, MIGRATIONS_DIR, type MigrateOptions, type MigrateResult, type MigrationFile } from './migrate';
export { startSink, WAREHOUSE_GROUP_ID, type SinkOptions, type SinkKafkaOptions, type RunningSink } from './sink/sink';
export { createSinkMetrics, type SinkMetrics } from './sink/metrics';
export { InsertGatherer, type InsertGathererOptions } from './sink/insert-gatherer';
export { routeRecord, type Routed, type RouteContext } from './sink/route-record';
export { createServerClient, createChdbClient, type BytesEncoding, type ServerClientOptions } from './clickhouse/clients';
export { qualified, quoteIdentifier, quoteString } from './clickhouse/sql';
export { countEvents, countAllEvents, conversationFacts, deadLettersFrom, type ConversationFacts, type StoredDeadLetter, type TableCounts } from './queries';
export { conversationOutcomes, serviceKpis, type ConversationOutcome, type ServiceKpis } from './kpi';
export { conversationTimeline, type TimelineEntry, type TimelineKind } from './timeline';
export { awaitStored, countsMatch, type ExpectedCounts } from './await-stored';
export { TABLE_NAMES, EVENT_TABLES, TABLE_COLUMNS, TABLE_OF_KIND, type TableName } from './rows/tables';
export { envelopeRow } from './rows/envelope-rows';
export { deadLetterRow } from './rows/dead-letter-rows';
export type { TableRow } from './rows/table-row';
export * as tsv from './rows/tsv';
