// Gathers rows from concurrently processed partition batches into one insert per table.
// submit() resolves only once ClickHouse acknowledged every insert holding the caller's rows, so
// the caller may then let its offsets be committed.
//
// When to insert (every rule flushes all tables unless noted):
// - a table holds maxRows rows: that table goes at once (pieces never exceed maxRows);
// - every consumer slot (`concurrency`) is waiting here: nothing else can arrive until we insert
//   (a pipelined consumer, which goes on fetching while it waits, sets no concurrency);
// - nobody is decoding any more and at least maxRows rows came in since the last such flush: a
//   big fetch (a backlog) was fully handed in, so insert now rather than let the consumer idle;
// - the oldest buffered row is maxWaitMs old, counted from when it entered Kafka (its record
//   timestamp): kafkajs fetches again only after a whole fetch is done, so rows produced while we
//   wait sit in Kafka meanwhile and must not wait a second full period here. Under a light load
//   this is what bounds latency, while a floor of maxWaitMs/2 between such flushes keeps
//   ClickHouse at a few inserts per second per table (each insert is a part to merge).
import type { TableRow } from '../rows/table-row';
import type { TableName } from '../rows/tables';
import type { InsertRows } from './table-inserter';

export interface InsertGathererOptions {
  readonly maxRows: number;
  readonly maxWaitMs: number;
  /** Consumer slots that can be waiting here at most (the subscription's concurrency); unset for a pipelined consumer. */
  readonly concurrency?: number;
  readonly insert: InsertRows;
  readonly onBuffered?: (rows: number) => void;
}

interface Piece {
  readonly rows: TableRow[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class InsertGatherer {
  private readonly pending = new Map<TableName, Piece[]>();
  private readonly pendingRows = new Map<TableName, number>();
  private buffered = 0;
  /** Rows handed in since everything was last flushed: how busy this round is. */
  private roundRows = 0;
  /** When the oldest buffered row entered Kafka. */
  private oldestMs = Infinity;
  private lastFlushAllMs = 0;
  private decoding = 0;
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAtMs = Infinity;
  private settleScheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: InsertGathererOptions) {}

  /** A consumer slot started decoding a batch (it will submit, possibly nothing). */
  beginBatch(): void {
    this.decoding++;
  }

  /**
   * Hands in a batch's rows (after beginBatch); resolves once all are acknowledged.
   * `queuedSinceMs`: when the oldest of them entered Kafka (default: now).
   */
  async submit(rows: readonly TableRow[], queuedSinceMs: number = Date.now()): Promise<void> {
    this.decoding--;
    if (rows.length === 0) {
      this.scheduleSettleCheck();
      return;
    }
    const byTable = new Map<TableName, TableRow[]>();
    for (const r of rows) {
      let list = byTable.get(r.table);
      if (!list) byTable.set(r.table, (list = []));
      list.push(r);
    }
    this.oldestMs = Math.min(this.oldestMs, queuedSinceMs);
    const acks: Promise<void>[] = [];
    for (const [table, list] of byTable) {
      // Split so that no insert exceeds maxRows, even for one huge batch.
      for (let i = 0; i < list.length; i += this.opts.maxRows) acks.push(this.enqueue(table, list.slice(i, i + this.opts.maxRows)));
    }
    this.waiting++;
    this.roundRows += rows.length;
    this.afterEnqueue();
    try {
      await Promise.all(acks);
    } finally {
      this.waiting--;
    }
  }

  /** Inserts everything buffered now; resolves when those inserts (and ones in flight) settled. */
  async flush(): Promise<void> {
    this.flushAll();
    await Promise.allSettled([...this.inFlight]);
  }

  get bufferedRows(): number {
    return this.buffered;
  }

  private enqueue(table: TableName, rows: TableRow[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // Keep every insert within maxRows: what is buffered goes first if these rows would not fit.
      if ((this.pendingRows.get(table) ?? 0) + rows.length > this.opts.maxRows) this.flushTable(table);
      let list = this.pending.get(table);
      if (!list) this.pending.set(table, (list = []));
      list.push({ rows, resolve, reject });
      const count = (this.pendingRows.get(table) ?? 0) + rows.length;
      this.pendingRows.set(table, count);
      this.buffered += rows.length;
      if (count >= this.opts.maxRows) this.flushTable(table);
    });
  }

  private afterEnqueue(): void {
    this.opts.onBuffered?.(this.buffered);
    if (this.buffered === 0) return;
    if (this.opts.concurrency !== undefined && this.waiting >= this.opts.concurrency) {
      this.flushAll();
      return;
    }
    this.armTimer();
    this.scheduleSettleCheck();
  }

  /** (Re)arms the max-wait timer for the oldest buffered row; only ever moves it earlier. */
  private armTimer(): void {
    const now = Date.now();
    const { maxWaitMs } = this.opts;
    // Clamped to [now, now + maxWaitMs]: a producer clock far off must not stall or rush us.
    const byAge = Math.min(now + maxWaitMs, Math.max(now, this.oldestMs + maxWaitMs));
    const at = Math.max(byAge, this.lastFlushAllMs + maxWaitMs / 2);
    if (this.timer && this.timerAtMs <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAtMs = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAtMs = Infinity;
      this.flushAll();
    }, at - now);
  }

  /** Deferred by setImmediate so that slots started in the same tick hand in their rows first. */
  private scheduleSettleCheck(): void {
    if (this.settleScheduled) return;
    this.settleScheduled = true;
    setImmediate(() => {
      this.settleScheduled = false;
      if (this.decoding === 0 && this.buffered > 0 && this.roundRows >= this.opts.maxRows) this.flushAll();
    });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAtMs = Infinity;
  }

  private flushAll(): void {
    this.clearTimer();
    this.roundRows = 0;
    this.lastFlushAllMs = Date.now();
    for (const table of [...this.pending.keys()]) this.flushTable(table);
  }

  private flushTable(table: TableName): void {
    const pieces = this.pending.get(table) ?? [];
    if (pieces.length === 0) return;
    this.pending.delete(table);
    const count = this.pendingRows.get(table) ?? 0;
    this.pendingRows.delete(table);
    this.buffered -= count;
    this.opts.onBuffered?.(this.buffered);
    if (this.buffered === 0) {
      this.clearTimer();
      this.oldestMs = Infinity;
    }
    const rows = pieces.length === 1 ? pieces[0]!.rows : pieces.flatMap((p) => p.rows);
    const done = this.opts.insert(table, rows).then(
      () => { for (const p of pieces) p.resolve(); },
      (err: unknown) => { for (const p of pieces) p.reject(err); },
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }
}
