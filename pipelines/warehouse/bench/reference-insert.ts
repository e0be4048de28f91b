// The reference: Debian's clickhouse-client inserting the same rows as TabSeparated files, one
// table after another, timed from the first insert to the last acknowledgement. The files are
// written up front, so the bench process can drop the generated events before the sink runs.
import { spawn } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Envelope } from '@switchboard/contracts';
import { envelopeRow, qualified, TABLE_COLUMNS, tsv, type TableName, type TableRow } from '../src/index';

export interface ReferenceFiles {
  readonly files: ReadonlyArray<{ readonly table: TableName; readonly path: string; readonly rows: number }>;
}

/** Writes one TSV file per table (the sink's own encoding of the same events). */
export function writeReferenceFiles(events: readonly Envelope[], dir: string): ReferenceFiles {
  const byTable = new Map<TableName, TableRow[]>();
  const now = Date.now();
  for (const env of events) {
    const row = envelopeRow(env, now, 'raw')!;
    let list = byTable.get(row.table);
    if (!list) byTable.set(row.table, (list = []));
    list.push(row);
  }
  return {
    files: [...byTable].map(([table, rows]) => {
      const path = join(dir, `${table}.tsv`);
      writeFileSync(path, tsv.body(rows.map((r) => r.line)));
      return { table, path, rows: rows.length };
    }),
  };
}

function runClient(tcpPort: number, query: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('clickhouse-client', ['--host', '127.0.0.1', '--port', String(tcpPort), '--query', query], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => { if (code === 0) resolve(); else reject(new Error(`clickhouse-client exited ${code}: ${stderr.trim()}`)); });
    createReadStream(file).pipe(child.stdin);
  });
}

/** Inserts the files with clickhouse-client; returns rows and elapsed ms. */
export async function referenceInsert(ref: ReferenceFiles, database: string, tcpPort: number): Promise<{ rows: number; elapsedMs: number }> {
  const started = Date.now();
  for (const f of ref.files) {
    await runClient(tcpPort, `INSERT INTO ${qualified(database, f.table)} (${TABLE_COLUMNS[f.table].join(', ')}) FORMAT TabSeparated`, f.path);
  }
  return { rows: ref.files.reduce((n, f) => n + f.rows, 0), elapsedMs: Date.now() - started };
}
