// One member of a Kafka consumer group (the classic protocol): finds the coordinator, joins,
// assigns partitions when it is the leader (assignment.ts), syncs, then heartbeats until the group
// rebalances or the membership is lost, and joins again. Each generation's assignment is handed
// to the consumer (onAssigned) and taken back (onRevoked) before the next join. Transient failures
// (connections, a moving coordinator, a restarting broker) are retried with backoff forever;
// errors no retry can fix go to onFatal.
import type { Logger } from '@switchboard/runtime';
import { ASSIGNOR, assignRoundRobin, decodeAssignment, decodeSubscription, encodeAssignment, encodeSubscription, type Assignment } from './assignment';
import type { Cluster } from './cluster';
import { ConnectionError, type BrokerConnection } from './connection';
import { ErrorCode, isConfigurationError, isCoordinatorError, isRejoinError, KafkaProtocolError } from './errors';
import { findCoordinator, heartbeat, joinGroup, leaveGroup, offsetCommit, offsetFetch, syncGroup, type PartitionOffset, type TopicPartition } from './protocol';
import { MalformedResponseError } from './wire';

export interface Generation {
  readonly generationId: number;
  readonly memberId: string;
}

export interface GroupMemberOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly sessionTimeoutMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly requestTimeoutMs: number;
  readonly cluster: Cluster;
  readonly logger: Logger;
  /** This member's partitions for a new generation; resolves once the consumer set them up. */
  readonly onAssigned: (assignment: Assignment, generation: Generation) => Promise<void>;
  /** The last assignment is void (the group rebalances, or the membership was lost). */
  readonly onRevoked: () => void;
  readonly onFatal: (err: Error) => void;
}

const MAX_BACKOFF_MS = 5000;

function retriable(err: unknown): boolean {
  if (err instanceof ConnectionError || err instanceof MalformedResponseError) return true;
  return err instanceof KafkaProtocolError && !isConfigurationError(err.code);
}

export class GroupMember {
  private memberId = '';
  private generation: Generation | undefined;
  private coordinatorId: number | undefined;
  private stopping = false;
  private rejoinRequested = false;
  private wakeSleep: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly opts: GroupMemberOptions) {}

  /** Starts the membership loop; resolves after the first assignment (rejects on a fatal error before it). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      let first = true;
      this.running = this.loop(
        () => { if (first) { first = false; resolve(); } },
        (err) => { if (first) { first = false; reject(err); } else this.opts.onFatal(err); },
      );
    });
  }

  /** The group's committed offsets for these partitions (-1: none yet). */
  async committed(partitions: readonly TopicPartition[]): Promise<PartitionOffset[]> {
    const result = await offsetFetch(await this.coordinator(), this.opts.groupId, partitions).catch((err: unknown) => { throw this.noted(err); });
    for (const r of result) if (r.errorCode !== ErrorCode.NONE) throw this.noted(new KafkaProtocolError(r.errorCode, 'OffsetFetch'));
    return result;
  }

  /** Commits within `generation`; throws when the broker refused (the next commit carries on). */
  async commit(generation: Generation, offsets: ReadonlyArray<TopicPartition & { readonly offset: number }>): Promise<void> {
    if (this.generation !== generation) throw new KafkaProtocolError(ErrorCode.ILLEGAL_GENERATION, 'OffsetCommit');
    const result = await offsetCommit(await this.coordinator(), this.opts.groupId, generation.generationId, generation.memberId, offsets)
      .catch((err: unknown) => { throw this.noted(err); });
    const failed = result.find((r) => r.errorCode !== ErrorCode.NONE);
    if (failed) throw this.noted(new KafkaProtocolError(failed.errorCode, 'OffsetCommit'));
  }

  /** Leaves the group (best effort) and ends the loop. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeSleep?.();
    await this.running;
    if (this.memberId !== '' && this.coordinatorId !== undefined) {
      try {
        await leaveGroup(await this.opts.cluster.connection(this.coordinatorId, 'group'), this.opts.groupId, this.memberId);
      } catch (err) {
        this.opts.logger.debug('kafka: leaving the group failed (the session timeout removes the member)', { groupId: this.opts.groupId, error: String(err) });
      }
    }
  }

  private async loop(onJoined: () => void, onFatal: (err: Error) => void): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.joinAndSync();
        onJoined();
        failures = 0;
        await this.heartbeatUntilRejoin();
      } catch (err) {
        if (this.stopping) break;
        this.noted(err);
        if (!retriable(err)) {
          this.revoke();
          onFatal(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        failures++;
        const immediate = err instanceof KafkaProtocolError && isRejoinError(err.code);
        if (!immediate) {
          this.opts.logger.warn('kafka: group membership interrupted, joining again', { groupId: this.opts.groupId, error: err instanceof Error ? err.message : String(err), attempt: failures });
          await this.sleep(Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 6)));
        }
      }
      this.revoke();
    }
    this.revoke();
  }

  private revoke(): void {
    if (!this.generation) return;
    this.generation = undefined;
    this.opts.onRevoked();
  }

  private async joinAndSync(): Promise<void> {
    this.rejoinRequested = false;
    const conn = await this.coordinator();
    // The broker holds a join until every member joined or the rebalance timeout passed.
    const groupTimeoutMs = this.opts.rebalanceTimeoutMs + this.opts.requestTimeoutMs;
    const joined = await joinGroup(conn, {
      groupId: this.opts.groupId,
      sessionTimeoutMs: this.opts.sessionTimeoutMs,
      rebalanceTimeoutMs: this.opts.rebalanceTimeoutMs,
      memberId: this.memberId,
      protocols: [{ name: ASSIGNOR, metadata: encodeSubscription(this.opts.topics) }],
    }, groupTimeoutMs);
    this.memberId = joined.memberId;
    const assignments = joined.leaderId === joined.memberId ? await this.assign(joined.members) : [];
    const payload = await syncGroup(conn, this.opts.groupId, joined.generationId, joined.memberId, assignments, groupTimeoutMs);
    const generation = { generationId: joined.generationId, memberId: joined.memberId };
    this.generation = generation;
    await this.opts.onAssigned(decodeAssignment(payload), generation);
  }

  /** The leader's job: every member's partitions, from their subscriptions and the topic metadata. */
  private async assign(members: ReadonlyArray<{ readonly memberId: string; readonly metadata: Buffer }>): Promise<Array<{ memberId: string; assignment: Buffer }>> {
    const subscriptions = members.map((m) => ({ memberId: m.memberId, topics: decodeSubscription(m.metadata) }));
    const meta = await this.opts.cluster.metadata([...new Set(subscriptions.flatMap((s) => s.topics))]);
    const counts = new Map<string, number>();
    for (const [topic, t] of meta.topics) if (t.errorCode === ErrorCode.NONE) counts.set(topic, t.partitions.length);
    return [...assignRoundRobin(subscriptions, counts)].map(([memberId, a]) => ({ memberId, assignment: encodeAssignment(a) }));
  }

  private async heartbeatUntilRejoin(): Promise<void> {
    const generation = this.generation!;
    while (!this.stopping && !this.rejoinRequested) {
      await this.sleep(this.opts.heartbeatIntervalMs);
      if (this.stopping || this.rejoinRequested) return;
      const code = await heartbeat(await this.coordinator(), this.opts.groupId, generation.generationId, generation.memberId);
      if (code === ErrorCode.NONE) continue;
      throw new KafkaProtocolError(code, 'Heartbeat');
    }
  }

  /** Reacts to an error seen anywhere: forget the coordinator, the member id, or rejoin. */
  private noted<T>(err: T): T {
    if (err instanceof ConnectionError || err instanceof MalformedResponseError || (err instanceof KafkaProtocolError && isCoordinatorError(err.code))) {
      if (this.coordinatorId !== undefined) this.opts.cluster.drop(this.coordinatorId);
      this.coordinatorId = undefined;
    }
    if (err instanceof KafkaProtocolError && isRejoinError(err.code)) {
      if (err.code === ErrorCode.UNKNOWN_MEMBER_ID) this.memberId = '';
      this.rejoinRequested = true;
      this.wakeSleep?.();
    }
    return err;
  }

  private async coordinator(): Promise<BrokerConnection> {
    try {
      if (this.coordinatorId === undefined) {
        const address = await findCoordinator(await this.opts.cluster.any(), this.opts.groupId);
        this.opts.cluster.remember(address);
        this.coordinatorId = address.nodeId;
      }
      return await this.opts.cluster.connection(this.coordinatorId, 'group');
    } catch (err) {
      throw this.noted(err);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = done;
    });
  }
}
