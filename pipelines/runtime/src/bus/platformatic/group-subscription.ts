// Consumer half of the @platformatic/kafka adapter (platformatic-bus.ts): GroupSubscription runs one
// consumer group member, queues records per partition, processes up to `concurrency` partitions in
// parallel (each strictly in order), commits a batch's offset only after onBatch resolved, and on a
// failed batch reopens the stream from the committed offsets (see the comment at the top of
// platformatic-bus.ts for why a new stream rather than a seek).
import {
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  type ConsumeOptions,
  type Consumer,
} from '@platformatic/kafka';
import { errorMessage } from '../../errors';
import type { Logger } from '../../logger';
import type { InboundBatch, InboundRecord, SubscribeOptions } from '../port';
import { describeError, forceClose, sleep, type KafkaMessage, type KafkaStream } from './client-support';

interface PartitionState {
  readonly key: string;
  readonly topic: string;
  readonly partition: number;
  records: KafkaMessage[];
  running: boolean;
  /** Next offset to accept: a refetch after a rebalance repeats records already queued. */
  next: bigint | undefined;
  /** Bumped when the partition is revoked: an in-flight batch of an older epoch must not commit. */
  epoch: number;
  /** Owned by this member in the current generation of the group. */
  assigned: boolean;
}

const MAX_BATCH_RECORDS = 10_000;
const PAUSE_ABOVE = 20_000;
const RESUME_BELOW = 5_000;
const MAX_RESTART_ATTEMPTS = 8;

export class GroupSubscription {
  private stream: KafkaStream | undefined;
  private generation = 0;
  private readonly parts = new Map<string, PartitionState>();
  /** topic -> partition -> state: the per-record lookup, without building a string key. */
  private readonly byTopic = new Map<string, PartitionState[]>();
  private queued = 0;
  private paused = false;
  private running = 0;
  private readonly concurrency: number;
  private dispatchScheduled = false;
  private rotate = 0;
  private restarting: Promise<void> | undefined;
  private consecutiveFailures = 0;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly consumer: Consumer,
    private readonly options: SubscribeOptions,
    private readonly fast: boolean,
    private readonly logger: Logger,
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
  }

  private consumeOptions(): ConsumeOptions<Buffer, Buffer, Buffer, Buffer> {
    return {
      topics: [...this.options.topics],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: this.options.fromBeginning === false ? MessagesStreamFallbackModes.LATEST : MessagesStreamFallbackModes.EARLIEST,
      autocommit: false,
      sessionTimeout: this.fast ? 6000 : 30000,
      rebalanceTimeout: this.fast ? 6000 : 60000,
      heartbeatInterval: this.fast ? 500 : 3000,
      maxWaitTime: this.fast ? 100 : 500,
    };
  }

  async start(): Promise<void> {
    this.consumer.on('consumer:group:join', () => { this.onAssignment(); });
    // After its rejoin retries the library emits 'error' on the consumer; with no listener Node
    // would throw it as an uncaught exception (seen when a member stops during a rebalance).
    this.consumer.on('error', (err: Error) => {
      if (this.stopping) return;
      this.logger.warn('kafka: consumer lost its group, reopening', { groupId: this.options.groupId, error: describeError(err) });
      this.requestRestart();
    });
    this.consumer.on('consumer:heartbeat:error', (payload) => {
      if (!this.stopping) this.logger.warn('kafka: heartbeat failed', { groupId: this.options.groupId, error: describeError(payload.error) });
    });
    const stream = await this.consumer.consume(this.consumeOptions());
    this.onAssignment();
    this.attach(stream);
  }

  /** Group (re)joined: forget partitions this member no longer owns. */
  private onAssignment(): void {
    const owned = new Set<PartitionState>();
    for (const a of this.consumer.assignments ?? []) for (const p of a.partitions) owned.add(this.state(a.topic, p));
    for (const state of this.parts.values()) {
      state.assigned = owned.has(state);
      if (state.assigned) continue;
      this.queued -= state.records.length;
      state.records = [];
      state.next = undefined;
      state.epoch++;
    }
    this.maybeResume();
  }

  private state(topic: string, partition: number): PartitionState {
    let list = this.byTopic.get(topic);
    if (!list) this.byTopic.set(topic, (list = []));
    let state = list[partition];
    if (!state) {
      state = { key: `${topic}:${partition}`, topic, partition, records: [], running: false, next: undefined, epoch: 0, assigned: false };
      list[partition] = state;
      this.parts.set(state.key, state);
    }
    return state;
  }

  private attach(stream: KafkaStream): void {
    const generation = ++this.generation;
    this.stream = stream;
    stream.on('data', (m: KafkaMessage) => { if (generation === this.generation) this.enqueue(m); });
    stream.on('error', (err: Error) => {
      if (generation !== this.generation || this.stopping) return;
      this.logger.warn('kafka: consumer stream failed, reopening', { groupId: this.options.groupId, error: describeError(err) });
      this.requestRestart();
    });
  }

  private enqueue(m: KafkaMessage): void {
    const state = this.byTopic.get(m.topic)?.[m.partition];
    if (!state?.assigned) return; // a late record of a revoked partition
    if (state.next !== undefined && m.offset < state.next) return;
    state.next = m.offset + 1n;
    state.records.push(m);
    this.queued++;
    if (!this.paused && this.queued >= PAUSE_ABOVE) {
      this.paused = true;
      this.stream?.pause();
    }
    this.scheduleDispatch();
  }

  private maybeResume(): void {
    if (this.paused && this.queued < RESUME_BELOW && !this.stopping && !this.restarting) {
      this.paused = false;
      this.stream?.resume();
    }
  }

  private scheduleDispatch(): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    // After the I/O phase, so every record of the current fetch response is queued first.
    setImmediate(() => {
      this.dispatchScheduled = false;
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.stopping || this.restarting) return;
    const states = [...this.parts.values()];
    const n = states.length;
    for (let i = 0; i < n && this.running < this.concurrency; i++) {
      const state = states[(this.rotate + i) % n]!;
      if (state.running || state.records.length === 0) continue;
      this.rotate = (this.rotate + i + 1) % n;
      void this.runBatch(state);
    }
  }

  private async runBatch(state: PartitionState): Promise<void> {
    const messages = state.records.length <= MAX_BATCH_RECORDS ? state.records : state.records.slice(0, MAX_BATCH_RECORDS);
    state.records = state.records.length <= MAX_BATCH_RECORDS ? [] : state.records.slice(MAX_BATCH_RECORDS);
    this.queued -= messages.length;
    this.maybeResume();
    state.running = true;
    this.running++;
    const epoch = state.epoch;
    const generation = this.generation;
    try {
      const records: InboundRecord[] = messages.map((m) => toInbound(m));
      const batch: InboundBatch = {
        topic: state.topic,
        partition: state.partition,
        records,
        // The library heartbeats on its own timer, independent of processing.
        heartbeat: () => Promise.resolve(),
        isStopping: () => this.stopping || state.epoch !== epoch,
      };
      try {
        await this.options.onBatch(batch);
      } catch (err) {
        this.logger.warn('kafka: onBatch failed, redelivering from the last committed offset', {
          groupId: this.options.groupId, topic: state.topic, partition: state.partition, error: describeError(err),
        });
        if (generation === this.generation) this.requestRestart();
        return;
      }
      // Only now, with every output acknowledged, may the position move; never for a revoked partition.
      if (state.epoch === epoch && state.assigned) {
        try {
          await commit(messages[messages.length - 1]!);
        } catch (err) {
          // The library already rejoined and retried. The next commit of this partition carries the
          // position forward; if the partition moved to another member, that member starts from the
          // last committed offset (at-least-once either way).
          this.logger.warn('kafka: commit failed', {
            groupId: this.options.groupId, topic: state.topic, partition: state.partition, error: describeError(err),
          });
        }
      }
      this.consecutiveFailures = 0;
    } finally {
      state.running = false;
      this.running--;
      if (this.running === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
      this.scheduleDispatch();
    }
  }

  private idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops queued records and reopens the stream from the committed offsets (see platformatic-bus.ts). */
  private requestRestart(): void {
    if (this.restarting || this.stopping) return;
    this.consecutiveFailures++;
    const old = this.stream;
    this.generation++; // records still arriving from the old stream are ignored
    old?.pause();
    for (const state of this.parts.values()) {
      state.records = [];
      state.next = undefined;
    }
    this.queued = 0;
    this.paused = false;
    this.restarting = this.reopen(old).finally(() => {
      this.restarting = undefined;
      this.scheduleDispatch();
    });
  }

  private async reopen(old: KafkaStream | undefined): Promise<void> {
    const delay = Math.min(100 * 2 ** Math.min(this.consecutiveFailures - 1, 6), 5000);
    await sleep(delay);
    await this.idle();
    for (let attempt = 1; !this.stopping; attempt++) {
      try {
        // Opened before the old stream closes, so the topics stay tracked and the member keeps its place.
        const stream = await this.consumer.consume(this.consumeOptions());
        if (this.stopping) {
          await stream.close();
          break;
        }
        this.attach(stream);
        break;
      } catch (err) {
        if (attempt >= MAX_RESTART_ATTEMPTS) {
          const error = err instanceof Error ? err : new Error(String(err));
          this.logger.error('kafka: cannot reopen the consumer stream, giving up', { groupId: this.options.groupId, error: errorMessage(err) });
          this.options.onFatal?.(error);
          break;
        }
        await sleep(Math.min(250 * 2 ** attempt, 5000));
      }
    }
    if (old) await old.close().catch((err: unknown) => {
      this.logger.warn('kafka: closing the previous consumer stream failed', { error: errorMessage(err) });
    });
  }

  stop(): Promise<void> {
    this.stopped ??= this.doStop();
    return this.stopped;
  }

  private async doStop(): Promise<void> {
    this.stopping = true;
    this.generation++;
    this.stream?.pause();
    if (this.restarting) await this.restarting;
    await this.idle(); // the in-flight batches finish and commit
    try {
      await this.stream?.close();
    } catch (err) {
      this.logger.warn('kafka: closing the consumer stream failed', { error: errorMessage(err) });
    }
    await forceClose(this.consumer); // leaves the group
  }
}

function commit(message: KafkaMessage): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    void message.commit((err?: Error) => { if (err) reject(err); else resolve(); });
  });
}

function toInbound(m: KafkaMessage): InboundRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of m.headers as Map<Buffer | undefined, Buffer | undefined>) {
    if (k === undefined) continue;
    const name = k.toString('utf8');
    if (!(name in headers)) headers[name] = v === undefined ? '' : v.toString('utf8');
  }
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset.toString(),
    key: m.key === undefined ? '' : m.key.toString('utf8'),
    value: m.value ?? Buffer.alloc(0),
    headers,
    timestampMs: Number(m.timestamp),
  };
}
