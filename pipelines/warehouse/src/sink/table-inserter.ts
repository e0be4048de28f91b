// One insert per call: rows of one table as a TabSeparated (or RowBinary) body, retried with backoff a bounded
// number of times. A final failure is thrown, never swallowed: the caller's batches then fail and
// Kafka redelivers them (nothing is committed). Retrying is safe because the tables collapse
// copies of an event; an insert that timed out but landed only adds such copies.
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from '@switchboard/runtime';
import { clickHouseErrorText } from '../clickhouse/error-text';
import { qualified } from '../clickhouse/sql';
import type { RowFormat, TableRow } from '../rows/table-row';
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
    // Rows of one table come in one format, except when the hot path left a record to the
    // generic one: then each format goes as an insert of its own.
    const binary = unique.filter((r) => r.format === 'RowBinary');
    const text = binary.length === 0 ? unique : unique.filter((r) => r.format !== 'RowBinary');
    const started = Date.now();
    const sent: Array<Promise<void>> = [];
    if (binary.length > 0) sent.push(send(table, 'RowBinary', contiguousRuns(binary.map((r) => r.line as Buffer))));
    if (text.length > 0) sent.push(send(table, 'TabSeparated', [body(text.map((r) => r.line))]));
    await Promise.all(sent);
    const now = Date.now();
    metrics.insertDurationMs.observe({ table }, now - started);
    metrics.rowsInserted.inc({ table }, unique.length);
    let newest = 0;
    for (const r of unique) if (r.occurredAtMs > newest) newest = r.occurredAtMs;
    metrics.lastInsertedEventAgeMs.set({ table }, Math.max(0, now - newest));
  };

  async function send(table: TableName, format: RowFormat, payload: readonly Buffer[]): Promise<void> {
    const target = qualified(opts.database, table);
    const columns = TABLE_COLUMNS[table];
    for (let attempt = 1; ; attempt++) {
      try {
        // A fresh stream per attempt: a stream is consumed by the first try.
        const values = Readable.from(payload, { objectMode: false });
        if (format === 'RowBinary') {
          // The client's insert() takes RowBinary only as objects to encode; exec() sends bytes as they are.
          const result = await opts.client.exec({ query: `INSERT INTO ${target} (${columns.join(', ')}) FORMAT RowBinary`, values });
          await drain(result.stream);
        } else {
          await opts.client.insert({ table: target, columns: [...columns], values, format: 'TabSeparated' });
        }
        return;
      } catch (err) {
        metrics.insertFailures.inc({ table });
        if (attempt >= maxAttempts) {
          opts.logger.error('insert failed, giving up', { table, format, attempts: attempt, error: clickHouseErrorText(err) });
          throw err;
        }
        const waitMs = Math.min(2000, baseDelayMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
        opts.logger.warn('insert failed, retrying', { table, format, attempt, waitMs: Math.round(waitMs), error: clickHouseErrorText(err) });
        await new Promise((r) => setTimeout(r, waitMs));
      }
    }
  }
}

/**
 * The rows as few buffers as possible: rows written one after the other into a slab (row-slab.ts)
 * are joined into one view, so the body is sent without copying it together first.
 */
function contiguousRuns(rows: readonly Buffer[]): Buffer[] {
  const runs: Buffer[] = [];
  let first: Buffer | undefined;
  let end = 0;
  for (const r of rows) {
    if (first && first.buffer === r.buffer && end === r.byteOffset) {
      end += r.length;
      continue;
    }
    if (first) runs.push(Buffer.from(first.buffer, first.byteOffset, end - first.byteOffset));
    first = r;
    end = r.byteOffset + r.length;
  }
  if (first) runs.push(Buffer.from(first.buffer, first.byteOffset, end - first.byteOffset));
  return runs;
}

/** Reads a response to its end (an insert answers with nothing), so its socket is free again. */
function drain(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('error', reject);
    stream.on('end', resolve);
    stream.resume();
  });
}
