// A row on its way to one table: the encoded row plus what the sink needs without parsing it.
import type { TableName } from './tables';
import type { EncodedRow } from './tsv';

/** How `line` is encoded: a TSV line (tsv.ts), or a RowBinary row (rowbinary.ts, the hot path). */
export type RowFormat = 'TabSeparated' | 'RowBinary';

export interface TableRow {
  readonly table: TableName;
  /** Copies of one event share it: the sink skips them within an insert, the table collapses the rest. */
  readonly eventId: string;
  readonly occurredAtMs: number;
  readonly line: EncodedRow;
  /** Default: TabSeparated. */
  readonly format?: RowFormat;
}
