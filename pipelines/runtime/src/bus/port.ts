// The bus port: the only way a processor touches the event log. Adapters: Kafka (production),
// in-memory (unit tests, embedded mode). Semantics both honour:
// - records are partitioned by key; one partition is delivered in order to one group member;
// - a batch's offsets are committed only after onBatch resolves (at-least-once);
// - onBatch throwing means "not processed": the same records are delivered again.

export interface OutboundRecord {
  readonly topic: string;
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface InboundRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string; // decimal, 64-bit safe
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestampMs: number;
}

export interface InboundBatch {
  readonly topic: string;
  readonly partition: number;
  readonly records: readonly InboundRecord[];
  /** Lets long handlers keep group membership alive. */
  heartbeat(): Promise<void>;
  /** True once the subscription is stopping: finish the current record and return. */
  isStopping(): boolean;
}

/** Consumer fetch sizes and waits; each unset value keeps the adapter's default. */
export interface FetchOptions {
  /** Bytes per fetch response at most (all partitions). */
  readonly maxBytes?: number;
  /** Bytes per partition and fetch at most. */
  readonly maxBytesPerPartition?: number;
  /** The broker answers once this many bytes are available (or maxWaitTimeInMs passed). */
  readonly minBytes?: number;
  readonly maxWaitTimeInMs?: number;
}

export interface SubscribeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly fromBeginning?: boolean;
  /** Partitions processed in parallel by this member (each in order). */
  readonly concurrency?: number;
  readonly onBatch: (batch: InboundBatch) => Promise<void>;
  /** Fetch tuning (kafkajs adapter); unset keeps the adapter's defaults. */
  readonly fetch?: FetchOptions;
  /** Called when the adapter gives up after its own bounded retries; the process should exit. */
  readonly onFatal?: (err: Error) => void;
}

export interface Subscription {
  /** Stop fetching, let the in-flight batch finish, commit, leave the group. */
  stop(): Promise<void>;
}

export interface Producer {
  /** Resolves once every record is acknowledged by the log (acks=all on Kafka). */
  send(records: readonly OutboundRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface ProducerOptions {
  /** Max time records may wait to be batched with others. */
  readonly lingerMs?: number;
}

export interface Bus {
  readonly kind: 'kafka' | 'memory';
  /** Creates missing topics with the configured partition count; fails if an existing one differs. */
  ensureTopics(topics: readonly string[]): Promise<void>;
  createProducer(options?: ProducerOptions): Promise<Producer>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
