// A row on its way to one table: the encoded TSV line plus what the sink needs without parsing it.
import type { TableName } from './tables';
import type { EncodedRow } from './tsv';

export interface TableRow {
  readonly table: TableName;
  /** Copies of one event share it: the sink skips them within an insert, the table collapses the rest. */
  readonly eventId: string;
  readonly occurredAtMs: number;
  readonly line: EncodedRow;
}
