// In-memory adapter of the bus port with Kafka's ordering semantics: keyed partitioning, one
// in-order delivery per partition inside a consumer group, committed offsets, redelivery of a
// batch whose handler threw. For unit tests and the embedded (single-process) mode.
import { SwitchboardError } from '../errors';
import type { Bus, InboundRecord, OutboundRecord, Producer, SubscribeOptions, Subscription } from './port';
import { partitionForKey } from './partitioner';

type StoredRecord = InboundRecord;

class Partition {
  readonly log: StoredRecord[] = [];
  private waiters: Array<() => void> = [];
  append(r: StoredRecord): void {
    this.log.push(r);
    const w = this.waiters;
    this.waiters = [];
    for (const wake of w) wake();
  }
  /** Resolves when the log grows past `position` or `abort` fires. */
  waitBeyond(position: number, abort: Promise<void>): Promise<void> {
    if (this.log.length > position) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.waiters.push(resolve)), abort]);
  }
}

interface Member {
  readonly options: SubscribeOptions;
  readonly assigned: Set<string>; // "topic/partition"
  stopping: boolean;
  readonly loops: Map<string, Promise<void>>;
  abort: () => void;
  readonly aborted: Promise<void>;
}

export interface MemoryBusOptions {
  readonly partitions: number;
  readonly maxBatchRecords?: number;
  readonly retryDelayMs?: number;
}

export class MemoryBus implements Bus {
  readonly kind = 'memory' as const;
  private readonly topics = new Map<string, Partition[]>();
  private readonly committed = new Map<string, number>(); // group|topic|partition -> next offset
  private readonly groups = new Map<string, Member[]>();

  constructor(private readonly opts: MemoryBusOptions) {}

  ensureTopics(topics: readonly string[]): Promise<void> {
    for (const t of topics) {
      if (!this.topics.has(t)) this.topics.set(t, Array.from({ length: this.opts.partitions }, () => new Partition()));
    }
    return Promise.resolve();
  }

  /** Every record of a topic in partition order (tests read the log directly). */
  records(topic: string): InboundRecord[] {
    return (this.topics.get(topic) ?? []).flatMap((p) => p.log);
  }

  createProducer(): Promise<Producer> {
    let closed = false;
    return Promise.resolve({
      send: (records: readonly OutboundRecord[]) => {
        if (closed) return Promise.reject(new SwitchboardError('BUS_UNAVAILABLE', 'producer is closed'));
        // All or nothing, like one acknowledged produce request.
        const missing = records.find((r) => !this.topics.has(r.topic));
        if (missing) return Promise.reject(new SwitchboardError('NOT_FOUND', `topic ${missing.topic} does not exist`));
        for (const r of records) this.append(r);
        return Promise.resolve();
      },
      close: () => { closed = true; return Promise.resolve(); },
    });
  }

  private append(r: OutboundRecord): void {
    const partitions = this.topics.get(r.topic)!;
    const partition = partitionForKey(r.key, partitions.length);
    const p = partitions[partition]!;
    p.append({
      topic: r.topic,
      partition,
      offset: String(p.log.length),
      key: r.key,
      value: Buffer.from(r.value),
      headers: { ...(r.headers ?? {}) },
      timestampMs: Date.now(),
    });
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    for (const t of options.topics) {
      if (!this.topics.has(t)) return Promise.reject(new SwitchboardError('NOT_FOUND', `topic ${t} does not exist`));
    }
    let abort!: () => void;
    const aborted = new Promise<void>((resolve) => { abort = resolve; });
    const member: Member = { options, assigned: new Set(), stopping: false, loops: new Map(), abort, aborted };
    const members = this.groups.get(options.groupId) ?? [];
    members.push(member);
    this.groups.set(options.groupId, members);
    this.rebalance(options.groupId);
    return Promise.resolve({
      stop: async () => {
        member.stopping = true;
        member.abort();
        await Promise.allSettled([...member.loops.values()]);
        const rest = (this.groups.get(options.groupId) ?? []).filter((m) => m !== member);
        this.groups.set(options.groupId, rest);
        this.rebalance(options.groupId);
      },
    });
  }

  /** Round-robin assignment of every (topic, partition) over the group's live members. */
  private rebalance(groupId: string): void {
    const members = (this.groups.get(groupId) ?? []).filter((m) => !m.stopping);
    const slots: string[] = [];
    const topics = new Set(members.flatMap((m) => m.options.topics));
    for (const t of [...topics].sort()) for (let p = 0; p < this.opts.partitions; p++) slots.push(`${t}/${p}`);
    slots.forEach((slot, i) => {
      const target = members.filter((m) => m.options.topics.includes(slot.slice(0, slot.lastIndexOf('/'))));
      const owner = target[i % Math.max(1, target.length)];
      for (const m of members) if (m !== owner) m.assigned.delete(slot);
      if (owner && !owner.assigned.has(slot)) {
        owner.assigned.add(slot);
        if (!owner.loops.has(slot)) owner.loops.set(slot, this.runLoop(owner, slot).finally(() => owner.loops.delete(slot)));
      }
    });
  }

  private async runLoop(member: Member, slot: string): Promise<void> {
    const cut = slot.lastIndexOf('/');
    const topic = slot.slice(0, cut);
    const partitionNo = Number(slot.slice(cut + 1));
    const partition = this.topics.get(topic)![partitionNo]!;
    const commitKey = `${member.options.groupId}|${slot}`;
    const maxBatch = this.opts.maxBatchRecords ?? 500;
    while (!member.stopping && member.assigned.has(slot)) {
      const position = this.committed.get(commitKey) ?? (member.options.fromBeginning === false ? partition.log.length : 0);
      await partition.waitBeyond(position, member.aborted);
      if (member.stopping || !member.assigned.has(slot)) return;
      const records = partition.log.slice(position, position + maxBatch);
      try {
        await member.options.onBatch({
          topic,
          partition: partitionNo,
          records,
          heartbeat: () => Promise.resolve(),
          isStopping: () => member.stopping,
        });
        this.committed.set(commitKey, position + records.length);
      } catch {
        // Not processed: the same records come again after a pause (as Kafka redelivers).
        await new Promise((r) => setTimeout(r, this.opts.retryDelayMs ?? 50));
      }
    }
  }

  async close(): Promise<void> {
    for (const members of this.groups.values()) for (const m of members) { m.stopping = true; m.abort(); }
    await Promise.allSettled([...this.groups.values()].flatMap((ms) => ms.flatMap((m) => [...m.loops.values()])));
    this.groups.clear();
  }
}
