// The sink's Kafka consumer: a consumer-group member (group-member.ts) that keeps fetching while
// earlier batches are still being inserted, and commits each partition's offsets in order as the
// inserts are acknowledged (ordered-commits.ts). Records are read in place from the fetch
// responses (record-batches.ts), so a record costs a few small objects instead of kafkajs'
// dozens, which dominated the sink's profile (see pipelines/warehouse/README.md).
//
// Delivery is the bus port's pipelined contract (PipelinedSubscribeOptions): onBatch is called per
// partition batch, in order, without waiting for earlier ones; offsets are committed only past
// batches whose promises resolved with every earlier batch of the partition; a rejected promise
// redelivers the partition from its oldest uncommitted batch.
import { errorMessage, type FetchOptions, type InboundBatch, type InboundRecord, type Logger } from '@switchboard/runtime';
import type { Assignment } from './assignment';
import { Cluster } from './cluster';
import { ErrorCode, isMetadataError } from './errors';
import { GroupMember, type Generation } from './group-member';
import { OrderedCommits, type CommitOffset } from './ordered-commits';
import { fetchRecords, listOffsets, type FetchedPartition } from './protocol';
import { offsetAfter, parseRecordBatches, UnsupportedCompressionError } from './record-batches';

export interface PipelinedConsumerOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Where a partition without a committed offset starts (default: the beginning). */
  readonly fromBeginning?: boolean;
  /** Short group timeouts (tests, demos), like the bus adapters' KAFKA_FAST_GROUPS. */
  readonly fastGroups?: boolean;
  readonly fetch?: FetchOptions;
  /** Records handed out and not yet settled, at most: fetching waits above it. */
  readonly maxPendingRecords: number;
  readonly onBatch: (batch: InboundBatch) => Promise<void>;
  /** The consumer cannot go on (e.g. an unsupported compression codec): the process should exit. */
  readonly onFatal?: (err: Error) => void;
  readonly logger: Logger;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to fetch; undefined until known (committed, or reset to the log's start/end). */
  position: number | undefined;
  leader: number | undefined;
  /** Bumped when the position jumps back (redelivery): fetches already in flight for it are dropped. */
  epoch: number;
}

interface AskedPartition {
  readonly state: PartitionState;
  /** The position and epoch when it was asked for: an answer to an older question is dropped. */
  readonly offset: number;
  readonly epoch: number;
  readonly response: FetchedPartition;
}

interface FetchRound {
  readonly generation: Generation;
  readonly fetched: readonly AskedPartition[];
}

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 5000;

export class PipelinedConsumer {
  private readonly cluster: Cluster;
  private readonly member: GroupMember;
  private readonly commits: OrderedCommits;
  private generation: Generation | undefined;
  private partitions: PartitionState[] = [];
  private metadataStale = true;
  private stopping = false;
  private failed = false;
  private rotate = 0;
  private fetching: Promise<void> | undefined;
  private wakeIdle: (() => void) | undefined;
  private readonly maxWaitMs: number;

  constructor(private readonly opts: PipelinedConsumerOptions) {
    const fast = opts.fastGroups === true;
    this.maxWaitMs = opts.fetch?.maxWaitTimeInMs ?? (fast ? 100 : 500);
    this.cluster = new Cluster({ brokers: opts.brokers, clientId: opts.clientId, connectTimeoutMs: 3000, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    this.commits = new OrderedCommits({
      commit: (offsets) => this.commit(offsets),
      onRedeliver: (topic, partition, offset, err) => { this.redeliver(topic, partition, offset, err); },
      logger: opts.logger,
    });
    this.member = new GroupMember({
      groupId: opts.groupId,
      topics: opts.topics,
      sessionTimeoutMs: fast ? 6000 : 30000,
      rebalanceTimeoutMs: fast ? 5000 : 60000,
      heartbeatIntervalMs: fast ? 500 : 3000,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      cluster: this.cluster,
      logger: opts.logger,
      onAssigned: (assignment, generation) => this.assigned(assignment, generation),
      onRevoked: () => { this.revoked(); },
      onFatal: (err) => { this.fail(err); },
    });
  }

  /** Joins the group; resolves once the first assignment is in place and fetching started. */
  async start(): Promise<void> {
    try {
      await this.member.start();
    } catch (err) {
      this.cluster.close();
      throw err;
    }
    this.fetching = this.fetchLoop();
  }

  /** Stops fetching, waits for the batches handed out to settle, commits, leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeIdle?.();
    await this.fetching;
    await this.commits.drain();
    await this.member.stop();
    this.cluster.close();
  }

  private async assigned(assignment: Assignment, generation: Generation): Promise<void> {
    this.commits.reset();
    const states: PartitionState[] = [];
    for (const [topic, partitions] of assignment) for (const partition of partitions) states.push({ topic, partition, position: undefined, leader: undefined, epoch: 0 });
    for (const c of await this.member.committed(states)) {
      const s = states.find((x) => x.topic === c.topic && x.partition === c.partition);
      if (s && c.offset >= 0) s.position = c.offset;
    }
    this.partitions = states;
    this.generation = generation;
    this.metadataStale = true;
    this.opts.logger.info('kafka: partitions assigned', { groupId: this.opts.groupId, generation: generation.generationId, partitions: states.length });
    this.wakeIdle?.();
  }

  private revoked(): void {
    this.generation = undefined;
    this.partitions = [];
    this.commits.reset();
  }

  private fail(err: Error): void {
    this.failed = true;
    this.opts.logger.error('kafka: the consumer cannot go on', { groupId: this.opts.groupId, error: err.message });
    this.opts.onFatal?.(err);
  }

  private async commit(offsets: readonly CommitOffset[]): Promise<void> {
    const generation = this.generation;
    if (!generation) return; // revoked meanwhile: the next owner starts from the committed offsets
    await this.member.commit(generation, offsets);
  }

  private redeliver(topic: string, partition: number, offset: number, err: unknown): void {
    const s = this.partitions.find((x) => x.topic === topic && x.partition === partition);
    if (!s || this.stopping) return;
    this.opts.logger.warn('kafka: batch failed, redelivering its partition from the oldest uncommitted batch', {
      groupId: this.opts.groupId, topic, partition, offset, error: errorMessage(err),
    });
    s.position = offset;
    s.epoch++;
  }

  /**
   * Fetch rounds, one request per partition leader each. The next round is sent as soon as a round
   * arrived (positions move by the batch headers alone), so the broker prepares it while this one's
   * records are decoded and handed out.
   */
  private async fetchLoop(): Promise<void> {
    let failures = 0;
    let next: Promise<FetchRound> | undefined;
    while (!this.stopping && !this.failed) {
      const generation = this.generation;
      if (!generation || this.partitions.length === 0 || (!next && this.commits.pendingRecords >= this.opts.maxPendingRecords)) {
        next = undefined;
        await this.idle(this.maxWaitMs);
        continue;
      }
      try {
        const round = await (next ?? this.sendRound(generation));
        next = undefined;
        if (round.generation !== this.generation || this.stopping) continue;
        const arrived = this.advance(round);
        if (this.commits.pendingRecords < this.opts.maxPendingRecords) {
          next = this.sendRound(generation);
          next.catch(() => undefined); // awaited (and its failure handled) on the next turn
        }
        for (const { state, data, offset, aborted } of arrived) {
          const parsed = parseRecordBatches(state.topic, state.partition, data, offset, aborted);
          if (parsed.records.length > 0) this.deliver(state, parsed.records, parsed.nextOffset);
        }
        failures = 0;
      } catch (err) {
        next = undefined;
        if (err instanceof UnsupportedCompressionError) {
          this.fail(err);
          return;
        }
        failures++;
        this.metadataStale = true;
        this.opts.logger.warn('kafka: fetch failed, retrying', { groupId: this.opts.groupId, error: errorMessage(err), attempt: failures });
        await this.idle(Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** Sends one fetch per partition leader, from the current positions. */
  private async sendRound(generation: Generation): Promise<FetchRound> {
    const states = this.partitions;
    if (this.metadataStale) await this.refreshLeaders(states);
    const unknown = states.filter((s) => s.position === undefined && s.leader !== undefined);
    if (unknown.length > 0) await this.resetPositions(unknown);
    // Rotated, so that no partition always comes last when a response fills up.
    this.rotate = (this.rotate + 1) % states.length;
    const byLeader = new Map<number, PartitionState[]>();
    for (let i = 0; i < states.length; i++) {
      const s = states[(this.rotate + i) % states.length]!;
      if (s.position === undefined || s.leader === undefined) continue;
      let list = byLeader.get(s.leader);
      if (!list) byLeader.set(s.leader, (list = []));
      list.push(s);
    }
    if (byLeader.size === 0) {
      await this.idle(this.maxWaitMs);
      return { generation, fetched: [] };
    }
    const fetched = await Promise.all([...byLeader].map(([leader, list]) => this.fetchFrom(leader, list)));
    return { generation, fetched: fetched.flat() };
  }

  private async fetchFrom(leader: number, states: readonly PartitionState[]): Promise<AskedPartition[]> {
    const asked = states.map((s) => ({ state: s, offset: s.position!, epoch: s.epoch }));
    const conn = await this.cluster.connection(leader, 'fetch');
    const fetched = await fetchRecords(
      conn,
      asked.map((a) => ({ topic: a.state.topic, partition: a.state.partition, offset: a.offset, maxBytes: this.opts.fetch?.maxBytesPerPartition ?? 4 * 1024 * 1024 })),
      { maxWaitMs: this.maxWaitMs, minBytes: this.opts.fetch?.minBytes ?? 1, maxBytes: this.opts.fetch?.maxBytes ?? 16 * 1024 * 1024 },
      REQUEST_TIMEOUT_MS,
    ).catch((err: unknown) => {
      this.cluster.drop(leader);
      throw err;
    });
    const out: AskedPartition[] = [];
    for (const f of fetched) {
      const a = asked.find((x) => x.state.topic === f.topic && x.state.partition === f.partition);
      if (a) out.push({ ...a, response: f });
    }
    return out;
  }

  /**
   * Moves each partition's position past what arrived and returns the data to decode. A partition
   * whose position changed since it was asked for (a redelivery, another round) is skipped.
   */
  private advance(round: FetchRound): Array<{ state: PartitionState; data: Buffer; offset: number; aborted: FetchedPartition['aborted'] }> {
    const arrived: Array<{ state: PartitionState; data: Buffer; offset: number; aborted: FetchedPartition['aborted'] }> = [];
    for (const { state: s, offset, epoch, response: f } of round.fetched) {
      if (s.epoch !== epoch || s.position !== offset) continue;
      if (f.errorCode === ErrorCode.OFFSET_OUT_OF_RANGE) {
        this.opts.logger.warn('kafka: offset out of range, resetting', { groupId: this.opts.groupId, topic: s.topic, partition: s.partition, offset });
        s.position = undefined;
        continue;
      }
      if (f.errorCode !== ErrorCode.NONE) {
        if (isMetadataError(f.errorCode)) this.metadataStale = true;
        this.opts.logger.warn('kafka: fetch of a partition failed', { groupId: this.opts.groupId, topic: s.topic, partition: s.partition, code: f.errorCode });
        continue;
      }
      if (!f.records || f.records.length === 0) continue;
      s.position = offsetAfter(f.records, offset);
      arrived.push({ state: s, data: f.records, offset, aborted: f.aborted });
    }
    return arrived;
  }

  private deliver(s: PartitionState, records: InboundRecord[], nextOffset: number): void {
    const settle = this.commits.track(s.topic, s.partition, Number(records[0]!.offset), nextOffset, records.length);
    let processed: Promise<void>;
    try {
      processed = this.opts.onBatch({
        topic: s.topic,
        partition: s.partition,
        records,
        // The group member heartbeats on its own schedule, whatever the batches do.
        heartbeat: () => Promise.resolve(),
        isStopping: () => this.stopping,
      });
    } catch (err) {
      processed = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    processed.then(() => { settle(true); }, (err: unknown) => { settle(false, err); });
  }

  private async refreshLeaders(states: readonly PartitionState[]): Promise<void> {
    const meta = await this.cluster.metadata([...new Set(states.map((s) => s.topic))]);
    let missing = false;
    for (const s of states) {
      const p = meta.topics.get(s.topic)?.partitions.find((x) => x.partition === s.partition);
      s.leader = p && p.leader >= 0 ? p.leader : undefined;
      if (s.leader === undefined) missing = true;
    }
    this.metadataStale = missing;
  }

  /** Positions of partitions without a committed offset: the log's start (or end), from the leader. */
  private async resetPositions(states: readonly PartitionState[]): Promise<void> {
    const timestamp = this.opts.fromBeginning === false ? -1 : -2;
    const byLeader = new Map<number, PartitionState[]>();
    for (const s of states) {
      let list = byLeader.get(s.leader!);
      if (!list) byLeader.set(s.leader!, (list = []));
      list.push(s);
    }
    for (const [leader, list] of byLeader) {
      for (const r of await listOffsets(await this.cluster.connection(leader, 'fetch'), list, timestamp)) {
        const s = list.find((x) => x.topic === r.topic && x.partition === r.partition);
        if (!s) continue;
        if (r.errorCode === ErrorCode.NONE && s.position === undefined) s.position = r.offset;
        else if (isMetadataError(r.errorCode)) this.metadataStale = true;
      }
    }
  }

  /** Waits for a settled batch (room to fetch), an assignment or a stop, at most `ms`. */
  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeIdle === done) this.wakeIdle = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeIdle = done;
      void this.commits.settledOrTimeout(ms).then(done);
    });
  }
}
