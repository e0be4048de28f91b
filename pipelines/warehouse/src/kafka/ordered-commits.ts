// Offsets committed in order per partition, from batches that settle out of order: a partition's
// committed offset moves past a batch only once that batch and every earlier one of the partition
// settled successfully. A failed batch restarts its partition from the oldest uncommitted batch
// (onRedeliver); what batches after it settle to no longer counts. One commit request is in
// flight at a time; positions settled meanwhile go in the next one.
import { errorMessage, type Logger } from '@switchboard/runtime';

export interface CommitOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to read. */
  readonly offset: number;
}

interface PendingBatch {
  readonly firstOffset: number;
  readonly nextOffset: number;
  settled: boolean;
}

interface Queue {
  readonly topic: string;
  readonly partition: number;
  batches: PendingBatch[];
  /** Bumped when the queue restarts: batches of an older epoch no longer count. */
  epoch: number;
}

export interface OrderedCommitsOptions {
  /** Sends one commit request; a rejection is logged, and the partitions' next commits carry on. */
  readonly commit: (offsets: readonly CommitOffset[]) => Promise<void>;
  /** A batch failed: fetch the partition again from `offset`. */
  readonly onRedeliver: (topic: string, partition: number, offset: number, err: unknown) => void;
  readonly logger: Logger;
}

export class OrderedCommits {
  /** Records of tracked batches that did not settle yet. */
  pendingRecords = 0;
  private readonly queues = new Map<string, Queue>();
  private readonly toCommit = new Map<string, CommitOffset>();
  private committing: Promise<void> | undefined;
  private wakers: Array<() => void> = [];

  constructor(private readonly opts: OrderedCommitsOptions) {}

  /** Registers a batch about to be processed; call the returned function once, when it settled. */
  track(topic: string, partition: number, firstOffset: number, nextOffset: number, records: number): (ok: boolean, err?: unknown) => void {
    const key = `${topic}\u0000${partition}`;
    let q = this.queues.get(key);
    if (!q) this.queues.set(key, (q = { topic, partition, batches: [], epoch: 0 }));
    const queue = q;
    const entry: PendingBatch = { firstOffset, nextOffset, settled: false };
    queue.batches.push(entry);
    this.pendingRecords += records;
    const epoch = queue.epoch;
    return (ok, err) => {
      this.pendingRecords -= records;
      this.wake();
      if (queue.epoch !== epoch) return;
      if (!ok) {
        const from = queue.batches[0]!.firstOffset;
        this.restartQueue(queue);
        this.opts.onRedeliver(topic, partition, from, err);
        return;
      }
      entry.settled = true;
      let last: PendingBatch | undefined;
      while (queue.batches[0]?.settled) last = queue.batches.shift();
      if (!last) return;
      this.toCommit.set(key, { topic, partition, offset: last.nextOffset });
      this.scheduleCommits();
    };
  }

  /** The assignment changed: nothing tracked so far counts any more, nothing queued is committed. */
  reset(): void {
    for (const q of this.queues.values()) this.restartQueue(q);
    this.toCommit.clear();
  }

  /** Resolves when a tracked batch settles or a commit completes, or after `ms`. */
  settledOrTimeout(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakers.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Waits for every tracked batch to settle and for the commits that allows. */
  async drain(): Promise<void> {
    while (this.pendingRecords > 0) await this.settledOrTimeout(1000);
    this.scheduleCommits();
    while (this.committing) await this.committing;
  }

  private restartQueue(q: Queue): void {
    q.batches = [];
    q.epoch++;
  }

  private scheduleCommits(): void {
    if (this.committing || this.toCommit.size === 0) return;
    this.committing = this.commitAll().finally(() => {
      this.committing = undefined;
      this.wake();
      this.scheduleCommits();
    });
  }

  private async commitAll(): Promise<void> {
    while (this.toCommit.size > 0) {
      const offsets = [...this.toCommit.values()];
      this.toCommit.clear();
      try {
        await this.opts.commit(offsets);
      } catch (err) {
        // Until a partition's next commit, a restart redelivers from its older offset (at-least-once).
        this.opts.logger.warn('kafka: commit failed', { partitions: offsets.length, error: errorMessage(err) });
        return;
      }
    }
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }
}
