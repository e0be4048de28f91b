// The requests the sink's consumer sends, in the oldest non-flexible versions Kafka 4.x still
// accepts (it dropped Fetch v0-3, Metadata v0-3, OffsetCommit v0-1, OffsetFetch v0, ListOffsets v0,
// JoinGroup v0-1). Each function sends one request and returns the decoded response; error codes
// are returned, not thrown, where the caller handles them per partition.
import type { BrokerConnection } from './connection';
import { ErrorCode, KafkaProtocolError } from './errors';
import type { ResponseReader } from './wire';

const API = { FETCH: 1, LIST_OFFSETS: 2, METADATA: 3, OFFSET_COMMIT: 8, OFFSET_FETCH: 9, FIND_COORDINATOR: 10, JOIN_GROUP: 11, HEARTBEAT: 12, LEAVE_GROUP: 13, SYNC_GROUP: 14 } as const;
export { API };

export interface BrokerAddress {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

export interface PartitionMetadata {
  readonly partition: number;
  readonly leader: number;
  readonly errorCode: number;
}

export interface ClusterMetadata {
  readonly brokers: ReadonlyMap<number, BrokerAddress>;
  readonly topics: ReadonlyMap<string, { readonly errorCode: number; readonly partitions: readonly PartitionMetadata[] }>;
}

export async function metadata(conn: BrokerConnection, topics: readonly string[]): Promise<ClusterMetadata> {
  const r = await conn.request(API.METADATA, 4, (w) => { w.array(topics, (t) => w.string(t)).int8(0); });
  r.int32(); // throttle_time_ms
  const brokers = new Map<number, BrokerAddress>();
  for (const b of r.array((x) => ({ nodeId: x.int32(), host: x.string(), port: x.int32(), rack: x.nullableString() }))) brokers.set(b.nodeId, b);
  r.nullableString(); // cluster_id
  r.int32(); // controller_id
  const out = new Map<string, { errorCode: number; partitions: PartitionMetadata[] }>();
  for (const t of r.array((x) => {
    const errorCode = x.int16();
    const name = x.string();
    x.boolean(); // is_internal
    const partitions = x.array((p) => {
      const m = { errorCode: p.int16(), partition: p.int32(), leader: p.int32() };
      p.array((q) => q.int32()); // replicas
      p.array((q) => q.int32()); // isr
      return m;
    });
    return { name, errorCode, partitions };
  })) out.set(t.name, t);
  return { brokers, topics: out };
}

export async function findCoordinator(conn: BrokerConnection, groupId: string): Promise<BrokerAddress> {
  const r = await conn.request(API.FIND_COORDINATOR, 1, (w) => { w.string(groupId).int8(0); });
  r.int32();
  const errorCode = r.int16();
  r.nullableString();
  const address = { nodeId: r.int32(), host: r.string(), port: r.int32() };
  if (errorCode !== ErrorCode.NONE) throw new KafkaProtocolError(errorCode, 'FindCoordinator');
  return address;
}

export interface JoinResult {
  readonly generationId: number;
  readonly protocol: string;
  readonly leaderId: string;
  readonly memberId: string;
  /** Every member's subscription metadata; only the leader receives them. */
  readonly members: ReadonlyArray<{ readonly memberId: string; readonly metadata: Buffer }>;
}

export interface JoinRequest {
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly memberId: string;
  readonly protocols: ReadonlyArray<{ readonly name: string; readonly metadata: Buffer }>;
}

export async function joinGroup(conn: BrokerConnection, req: JoinRequest, timeoutMs: number): Promise<JoinResult> {
  const r = await conn.request(API.JOIN_GROUP, 2, (w) => {
    w.string(req.groupId).int32(req.sessionTimeoutMs).int32(req.rebalanceTimeoutMs).string(req.memberId).string('consumer');
    w.array(req.protocols, (p) => w.string(p.name).bytes(p.metadata));
  }, timeoutMs);
  r.int32();
  const errorCode = r.int16();
  const result = {
    generationId: r.int32(),
    protocol: r.string(),
    leaderId: r.string(),
    memberId: r.string(),
    members: r.array((x) => ({ memberId: x.string(), metadata: copyOf(x.bytes()) })),
  };
  if (errorCode !== ErrorCode.NONE) throw new KafkaProtocolError(errorCode, 'JoinGroup');
  return result;
}

export async function syncGroup(
  conn: BrokerConnection, groupId: string, generationId: number, memberId: string,
  assignments: ReadonlyArray<{ readonly memberId: string; readonly assignment: Buffer }>, timeoutMs: number,
): Promise<Buffer> {
  const r = await conn.request(API.SYNC_GROUP, 1, (w) => {
    w.string(groupId).int32(generationId).string(memberId).array(assignments, (a) => w.string(a.memberId).bytes(a.assignment));
  }, timeoutMs);
  r.int32();
  const errorCode = r.int16();
  const assignment = copyOf(r.bytes());
  if (errorCode !== ErrorCode.NONE) throw new KafkaProtocolError(errorCode, 'SyncGroup');
  return assignment;
}

export async function heartbeat(conn: BrokerConnection, groupId: string, generationId: number, memberId: string): Promise<number> {
  const r = await conn.request(API.HEARTBEAT, 1, (w) => { w.string(groupId).int32(generationId).string(memberId); });
  r.int32();
  return r.int16();
}

export async function leaveGroup(conn: BrokerConnection, groupId: string, memberId: string): Promise<void> {
  const r = await conn.request(API.LEAVE_GROUP, 1, (w) => { w.string(groupId).string(memberId); });
  r.int32();
  r.int16(); // leaving is best effort: the session timeout removes the member anyway
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface PartitionOffset extends TopicPartition {
  readonly offset: number;
  readonly errorCode: number;
}

/** The group's committed offsets (-1: none). */
export async function offsetFetch(conn: BrokerConnection, groupId: string, partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
  const byTopic = groupByTopic(partitions);
  const r = await conn.request(API.OFFSET_FETCH, 1, (w) => {
    w.string(groupId).array([...byTopic], ([topic, ps]) => { w.string(topic).array(ps, (p) => w.int32(p)); });
  });
  return perPartition(r, (x, topic, partition) => {
    const offset = x.int64();
    x.nullableString();
    return { topic, partition, offset, errorCode: x.int16() };
  });
}

/** Commits `offset` (the next record to read) per partition; returns the per-partition error codes. */
export async function offsetCommit(
  conn: BrokerConnection, groupId: string, generationId: number, memberId: string, offsets: ReadonlyArray<TopicPartition & { readonly offset: number }>,
): Promise<PartitionOffset[]> {
  const byTopic = new Map<string, Array<{ partition: number; offset: number }>>();
  for (const o of offsets) {
    let list = byTopic.get(o.topic);
    if (!list) byTopic.set(o.topic, (list = []));
    list.push(o);
  }
  const r = await conn.request(API.OFFSET_COMMIT, 2, (w) => {
    w.string(groupId).int32(generationId).string(memberId).int64(-1);
    w.array([...byTopic], ([topic, ps]) => { w.string(topic).array(ps, (p) => w.int32(p.partition).int64(p.offset).string(null)); });
  });
  return perPartition(r, (x, topic, partition) => ({ topic, partition, offset: -1, errorCode: x.int16() }));
}

/** The earliest (-2) or latest (-1) offset of each partition, asked of its leader. */
export async function listOffsets(conn: BrokerConnection, partitions: readonly TopicPartition[], timestamp: -1 | -2): Promise<PartitionOffset[]> {
  const byTopic = groupByTopic(partitions);
  const r = await conn.request(API.LIST_OFFSETS, 1, (w) => {
    w.int32(-1).array([...byTopic], ([topic, ps]) => { w.string(topic).array(ps, (p) => w.int32(p).int64(timestamp)); });
  });
  return perPartition(r, (x, topic, partition) => {
    const errorCode = x.int16();
    x.int64(); // timestamp
    return { topic, partition, offset: x.int64(), errorCode };
  });
}

function groupByTopic(partitions: readonly TopicPartition[]): Map<string, number[]> {
  const byTopic = new Map<string, number[]>();
  for (const p of partitions) {
    let list = byTopic.get(p.topic);
    if (!list) byTopic.set(p.topic, (list = []));
    list.push(p.partition);
  }
  return byTopic;
}

function perPartition<T>(r: ResponseReader, read: (r: ResponseReader, topic: string, partition: number) => T): T[] {
  const out: T[] = [];
  r.array((t) => {
    const topic = t.string();
    t.array((p) => { out.push(read(p, topic, p.int32())); });
  });
  return out;
}

/** Group-protocol payloads outlive the response buffer they arrived in. */
function copyOf(b: Buffer | null): Buffer {
  return b ? Buffer.from(b) : Buffer.alloc(0);
}

export interface FetchPartition extends TopicPartition {
  readonly offset: number;
  readonly maxBytes: number;
}

export interface FetchedPartition extends TopicPartition {
  readonly errorCode: number;
  readonly aborted: ReadonlyArray<{ readonly producerId: number; readonly firstOffset: number }>;
  /** Record batches, a view into the response (the last one may be cut off). */
  readonly records: Buffer | null;
}

export interface FetchRequestOptions {
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
}

/** Fetch v4, read_committed. Responses hold whole record batches (see record-batches.ts). */
export async function fetchRecords(conn: BrokerConnection, partitions: readonly FetchPartition[], opts: FetchRequestOptions, timeoutMs: number): Promise<FetchedPartition[]> {
  const byTopic = new Map<string, FetchPartition[]>();
  for (const p of partitions) {
    let list = byTopic.get(p.topic);
    if (!list) byTopic.set(p.topic, (list = []));
    list.push(p);
  }
  const r = await conn.request(API.FETCH, 4, (w) => {
    w.int32(-1).int32(opts.maxWaitMs).int32(opts.minBytes).int32(opts.maxBytes).int8(1);
    w.array([...byTopic], ([topic, ps]) => { w.string(topic).array(ps, (p) => w.int32(p.partition).int64(p.offset).int32(p.maxBytes)); });
  }, timeoutMs + opts.maxWaitMs);
  r.int32(); // throttle_time_ms
  return perPartition(r, (x, topic, partition) => {
    const errorCode = x.int16();
    x.int64(); // high_watermark
    x.int64(); // last_stable_offset
    const aborted = x.nullableArray((a) => ({ producerId: a.int64(), firstOffset: a.int64() })) ?? [];
    return { topic, partition, errorCode, aborted, records: x.bytes() };
  });
}

