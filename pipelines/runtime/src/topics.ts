// Topic names. Every topic has the same partition count and is keyed by conversation id
// (co-partitioning), so one processor instance sees all events of a conversation in order.

export const TOPIC_KEYS = ['calls', 'audio', 'transcripts', 'intents', 'emotions', 'actions', 'actionResults', 'dlq'] as const;
export type TopicKey = (typeof TOPIC_KEYS)[number];

const BASE_NAMES: Readonly<Record<TopicKey, string>> = {
  calls: 'sb.calls',
  audio: 'sb.audio',
  transcripts: 'sb.transcripts',
  intents: 'sb.intents',
  emotions: 'sb.emotions',
  actions: 'sb.actions',
  actionResults: 'sb.action-results',
  dlq: 'sb.dlq',
};

export type TopicNames = Readonly<Record<TopicKey, string>>;

const PREFIX_PATTERN = /^[a-zA-Z0-9._-]{0,80}$/;

/** Topic names under an optional prefix (tests and multi-environment clusters use one). */
export function topicNames(prefix = ''): TopicNames {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error('topic prefix may hold only letters, digits, ".", "_" and "-" (at most 80)');
  }
  const names = {} as Record<TopicKey, string>;
  for (const key of TOPIC_KEYS) names[key] = prefix + BASE_NAMES[key];
  return names;
}

/** Control topics are served on their own lane so they never wait behind audio. */
export const CONTROL_TOPIC_KEYS: ReadonlySet<TopicKey> = new Set<TopicKey>(['calls', 'actions']);

/** The compacted changelog where a checkpointing processor keeps per-conversation state. */
export function stateTopicName(prefix: string, processorName: string): string {
  return `${prefix}sb.state.${processorName}`;
}
