// Kafka protocol error codes the sink's consumer acts on, and how it classifies them.

export const ErrorCode = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  LEADER_NOT_AVAILABLE: 5,
  NOT_LEADER_OR_FOLLOWER: 6,
  REQUEST_TIMED_OUT: 7,
  NETWORK_EXCEPTION: 13,
  COORDINATOR_LOAD_IN_PROGRESS: 14,
  COORDINATOR_NOT_AVAILABLE: 15,
  NOT_COORDINATOR: 16,
  ILLEGAL_GENERATION: 22,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
  KAFKA_STORAGE_ERROR: 56,
  FENCED_LEADER_EPOCH: 74,
  UNKNOWN_LEADER_EPOCH: 75,
  OFFSET_NOT_AVAILABLE: 78,
} as const;

/** A broker answered with an error code. */
export class KafkaProtocolError extends Error {
  constructor(readonly code: number, readonly api: string) {
    super(`Kafka ${api} failed with error code ${code}`);
  }
}

/**
 * Answers no retry can change: a misconfiguration (group id, session timeout, protocol) or missing
 * rights. Every other error code is taken as transient (a broker restarting, leadership moving).
 */
export function isConfigurationError(code: number): boolean {
  // INCONSISTENT_GROUP_PROTOCOL, INVALID_GROUP_ID, INVALID_SESSION_TIMEOUT, TOPIC/GROUP/CLUSTER_AUTHORIZATION_FAILED, UNSUPPORTED_VERSION
  return [23, 24, 26, 29, 30, 31, 35].includes(code);
}

/** The coordinator moved or is starting: find it again and retry. */
export function isCoordinatorError(code: number): boolean {
  return code === ErrorCode.NOT_COORDINATOR || code === ErrorCode.COORDINATOR_NOT_AVAILABLE || code === ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
}

/** The member's place in the group is gone or changing: join again. */
export function isRejoinError(code: number): boolean {
  return code === ErrorCode.REBALANCE_IN_PROGRESS || code === ErrorCode.ILLEGAL_GENERATION || code === ErrorCode.UNKNOWN_MEMBER_ID;
}

/** A partition's leadership or metadata is in flux: refresh metadata and retry. */
export function isMetadataError(code: number): boolean {
  return (
    code === ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || code === ErrorCode.LEADER_NOT_AVAILABLE || code === ErrorCode.NOT_LEADER_OR_FOLLOWER ||
    code === ErrorCode.FENCED_LEADER_EPOCH || code === ErrorCode.UNKNOWN_LEADER_EPOCH || code === ErrorCode.KAFKA_STORAGE_ERROR ||
    code === ErrorCode.REQUEST_TIMED_OUT || code === ErrorCode.NETWORK_EXCEPTION || code === ErrorCode.OFFSET_NOT_AVAILABLE
  );
}
