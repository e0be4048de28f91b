// Where checkpointed processors keep each conversation's latest state, so a restarted instance
// resumes live calls where the last one left them. Kafka (a compacted changelog topic, see
// kafka-state-store.ts) in production; memory for tests and the embedded mode.

export interface StateEntry {
  readonly key: string;
  /** The latest checkpoint; null once the conversation finished (a tombstone). */
  readonly value: Uint8Array | null;
}

export interface StateStore {
  /** Every conversation's latest checkpoint (finished ones left out). */
  load(): Promise<Map<string, Uint8Array>>;
  /** Resolves once the entries are durable (acks=all on Kafka). */
  save(entries: readonly StateEntry[]): Promise<void>;
  close(): Promise<void>;
}

/** Keeps checkpoints in a map; a new instance given the same map resumes from it. */
export class MemoryStateStore implements StateStore {
  constructor(readonly entries = new Map<string, Uint8Array>()) {}

  load(): Promise<Map<string, Uint8Array>> {
    return Promise.resolve(new Map(this.entries));
  }

  save(entries: readonly StateEntry[]): Promise<void> {
    for (const e of entries) {
      if (e.value === null) this.entries.delete(e.key);
      else this.entries.set(e.key, e.value);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
