// A processor is a small uniform unit: it handles the payload kinds it knows and ignores the
// rest; per-conversation state is kept for it by the runtime. It never touches the bus.
import type { Envelope } from '@switchboard/contracts';
import type { Payload, PayloadKind } from '../envelope';
import type { Logger } from '../logger';
import type { TopicKey } from '../topics';

export interface ProcessorContext<S> {
  readonly conversationId: string;
  readonly tenantId: string;
  /** This conversation's state; mutate it or replace it with setState. */
  readonly state: S;
  setState(next: S): void;
  /** Emits an event on the topic of its kind, in this conversation. */
  emit<K extends PayloadKind>(kind: K, payload: Payload<K>): void;
  /** Marks the conversation finished: its state is dropped after this event. */
  finish(): void;
  readonly logger: Logger;
}

/**
 * Opt-in checkpointing: after each batch the runtime saves every changed conversation's state
 * (and the ids of the events that made it) to a StateStore, and a restarted instance restores
 * them before it consumes, so a live call resumes where it was. Keep such state small.
 */
export interface StateCheckpoint<S> {
  /** Bumped when the saved shape changes; restore() is told which version it reads. */
  readonly version: number;
  /** A JSON-serialisable picture of the state. */
  save(state: S): unknown;
  /** Rebuilds the state; throws on a shape it cannot read (the conversation then starts afresh). */
  restore(saved: unknown, version: number): S;
}

export interface Processor<S = undefined> {
  /** Used for the consumer group, the `source` of emitted events and metrics. */
  readonly name: string;
  readonly inputs: readonly TopicKey[];
  /** Payload kinds this processor handles; events of other kinds are passed over. */
  readonly handles: ReadonlySet<PayloadKind>;
  initialState(conversationId: string): S;
  handle(event: Envelope, ctx: ProcessorContext<S>): void | Promise<void>;
  readonly checkpoint?: StateCheckpoint<S>;
}
