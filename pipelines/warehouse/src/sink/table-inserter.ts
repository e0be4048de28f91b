// One insert per call: rows of one table as a TabSeparated body, retried with backoff a bounded
// number of times. A final failure is thrown, never swallowed: the caller's batches then fail and
// Kafka redelivers them (nothing is committed). Retrying is safe because the tables collapse
// copies of an event; an insert that timed out but landed only adds such copies.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '@switchboard/runtime';
import { clickHouseErrorText } from '../clickhouse/error-text';
import { qualified } from '../clickhouse/sql';
import type { TableRow } from '../rows/table-row';
import { TABLE_COLUMNS, type TableName } from '../rows/tables';
import { body } from '../rows/tsv';
import type { SinkMetrics } from './metrics';

export type InsertRows = (table: TableName, rows: readonly TableRow[]) => Promise<void>;

export interface TableInserterOptions {
  readonly client: ClickHouseClient;
  readonly database: string;
  readonly metrics: SinkMetrics;
  readonly logger: Logger;
  /** Attempts per insert (default 5). */
  readonly maxAttempts?: number;
  /** First backoff; doubles per attempt, capped at 2 s (default 100 ms). */
  readonly retryBaseDelayMs?: number;
}

/** Keeps the first row of each event id: copies within one insert are pure waste. */
export function uniqueByEvent(rows: readonly TableRow[]): TableRow[] {
  const seen = new Set<string>();
  const out: TableRow[] = [];
  for (const r of rows) {
    if (seen.has(r.eventId)) continue;
    seen.add(r.eventId);
    out.push(r);
  }
  return out;
}

export function createTableInserter(opts: TableInserterOptions): InsertRows {
  const maxAttempts = opts.maxAttempts ?? 5;
  const baseDelayMs = opts.retryBaseDelayMs ?? 100;
  const { metrics } = opts;
  return async (table, rows) => {
    const unique = uniqueByEvent(rows);
    metrics.duplicatesSkipped.inc({ table }, rows.length - unique.length);
    if (unique.length === 0) return;
    const payload = body(unique.map((r) => r.line));
    const target = qualified(opts.database, table);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        await opts.client.insert({
          table: target,
          columns: [...TABLE_COLUMNS[table]],
          // A fresh stream per attempt: a stream is consumed by the first try.
          values: Readable.from([payload], { objectMode: false }),
          format: 'TabSeparated',
        });
        break;
      } catch (err) {
        metrics.insertFailures.inc({ table });
        if (attempt >= maxAttempts) {
          opts.logger.error('insert failed, giving up', { table, rows: unique.length, attempts: attempt, error: clickHouseErrorText(err) });
          throw err;
        }
        const waitMs = Math.min(2000, baseDelayMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
        opts.logger.warn('insert failed, retrying', { table, rows: unique.length, attempt, waitMs: Math.round(waitMs), error: clickHouseErrorText(err) });
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
    const now = Date.now();
    metrics.insertDurationMs.observe({ table }, now - started);
    metrics.rowsInserted.inc({ table }, unique.length);
    let newest = 0;
    for (const r of unique) if (r.occurredAtMs > newest) newest = r.occurredAtMs;
    metrics.lastInsertedEventAgeMs.set({ table }, Math.max(0, now - newest));
  };
}
