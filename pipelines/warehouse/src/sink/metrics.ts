// The sink's Prometheus metrics, on a registry of its own (several sinks can live in one test
// process; main.ts exposes this registry plus the process defaults on /metrics).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface SinkMetrics {
  readonly registry: Registry;
  readonly rowsInserted: Counter<'table'>;
  readonly duplicatesSkipped: Counter<'table'>;
  readonly insertDurationMs: Histogram<'table'>;
  readonly insertFailures: Counter<'table'>;
  readonly deadLetters: Counter<'code'>;
  readonly batchesFailed: Counter;
  readonly lastInsertedEventAgeMs: Gauge<'table'>;
  readonly bufferedRows: Gauge;
}

export function createSinkMetrics(registry: Registry = new Registry()): SinkMetrics {
  const registers = [registry];
  return {
    registry,
    rowsInserted: new Counter({ name: 'warehouse_rows_inserted_total', help: 'Rows acknowledged by ClickHouse, per table', labelNames: ['table'], registers }),
    duplicatesSkipped: new Counter({
      name: 'warehouse_duplicate_rows_skipped_total',
      help: 'Copies of an event id dropped within one insert (redelivery); the table engine collapses the rest',
      labelNames: ['table'],
      registers,
    }),
    insertDurationMs: new Histogram({
      name: 'warehouse_insert_duration_ms',
      help: 'Time from sending an insert to its acknowledgement, retries included, in milliseconds',
      labelNames: ['table'],
      buckets: [2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
      registers,
    }),
    insertFailures: new Counter({ name: 'warehouse_insert_failures_total', help: 'Failed insert attempts (each retry counts)', labelNames: ['table'], registers }),
    deadLetters: new Counter({ name: 'warehouse_dead_letters_total', help: 'Records the sink set aside on sb.dlq, per error code', labelNames: ['code'], registers }),
    batchesFailed: new Counter({ name: 'warehouse_batches_failed_total', help: 'Partition batches handed back for redelivery (not committed)', registers }),
    lastInsertedEventAgeMs: new Gauge({
      name: 'warehouse_last_inserted_event_age_ms',
      help: 'At the last acknowledged insert: now minus the newest occurred_at_ms in it (lag, roughly)',
      labelNames: ['table'],
      registers,
    }),
    bufferedRows: new Gauge({ name: 'warehouse_buffered_rows', help: 'Rows waiting to be inserted', registers }),
  };
}
