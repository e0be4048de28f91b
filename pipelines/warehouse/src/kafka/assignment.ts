// The consumer protocol's payloads (a member's subscription, the leader's assignment) and the
// round-robin assignor. It is named and behaves like kafkajs' RoundRobinAssigner, so a group can
// mix members of this consumer and of kafkajs (e.g. during a rolling upgrade): whichever is the
// leader assigns, and both read the same standard encoding.
import { RequestWriter, ResponseReader } from './wire';

export const ASSIGNOR = 'RoundRobinAssigner';

/** topic → partitions */
export type Assignment = ReadonlyMap<string, readonly number[]>;

export function encodeSubscription(topics: readonly string[]): Buffer {
  const w = new RequestWriter();
  w.int16(0).array(topics, (t) => { w.string(t); });
  return Buffer.from(w.bytes(Buffer.alloc(0)).finish());
}

export function decodeSubscription(metadata: Buffer): string[] {
  const r = new ResponseReader(metadata);
  r.int16();
  return r.array((x) => x.string());
}

export function encodeAssignment(assignment: Assignment): Buffer {
  const w = new RequestWriter();
  w.int16(0).array([...assignment], ([topic, partitions]) => { w.string(topic).array(partitions, (p) => w.int32(p)); });
  return Buffer.from(w.bytes(Buffer.alloc(0)).finish());
}

export function decodeAssignment(payload: Buffer): Assignment {
  const out = new Map<string, number[]>();
  if (payload.length < 2) return out; // an empty assignment (nothing for this member)
  const r = new ResponseReader(payload);
  r.int16();
  for (const { topic, partitions } of r.array((x) => ({ topic: x.string(), partitions: x.array((p) => p.int32()) }))) out.set(topic, partitions);
  return out;
}

/**
 * Every partition of every subscribed topic, in topic then partition order, dealt to the members
 * (sorted by id) in turn, each only to members subscribed to its topic.
 */
export function assignRoundRobin(
  members: ReadonlyArray<{ readonly memberId: string; readonly topics: readonly string[] }>,
  partitionCounts: ReadonlyMap<string, number>,
): Map<string, Assignment> {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const result = new Map<string, Map<string, number[]>>(sorted.map((m) => [m.memberId, new Map()]));
  const topics = [...new Set(sorted.flatMap((m) => m.topics))].sort();
  let turn = 0;
  for (const topic of topics) {
    const takers = sorted.filter((m) => m.topics.includes(topic));
    if (takers.length === 0) continue;
    for (let p = 0; p < (partitionCounts.get(topic) ?? 0); p++) {
      const member = takers[turn++ % takers.length]!;
      const mine = result.get(member.memberId)!;
      let list = mine.get(topic);
      if (!list) mine.set(topic, (list = []));
      list.push(p);
    }
  }
  return result;
}
