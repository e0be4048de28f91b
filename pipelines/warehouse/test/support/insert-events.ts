// Writes envelopes straight into the tables with the sink's own row encoding and inserter (no
// Kafka), for tests of the SQL itself.
import type { Envelope } from '@switchboard/contracts';
import { createLogger } from '@switchboard/runtime';
import { createSinkMetrics, envelopeRow, type TableName, type TableRow } from '../../src/index';
import { createTableInserter } from '../../src/sink/table-inserter';
import type { Engine } from './clickhouse';

export async function insertEvents(engine: Engine, database: string, events: readonly Envelope[], ingestedAtMs = Date.now()): Promise<void> {
  const insert = createTableInserter({ client: engine.client, database, metrics: createSinkMetrics(), logger: createLogger('test-insert', 'error'), maxAttempts: 1 });
  const byTable = new Map<TableName, TableRow[]>();
  for (const env of events) {
    const row = envelopeRow(env, ingestedAtMs, engine.bytes);
    if (!row) throw new Error('event without payload');
    let list = byTable.get(row.table);
    if (!list) byTable.set(row.table, (list = []));
    list.push(row);
  }
  for (const [table, rows] of byTable) await insert(table, rows);
}
