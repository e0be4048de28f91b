// The one mapping from our closed error codes to gRPC statuses (Nest would answer UNKNOWN).
// Used only at the gRPC edge (MediaStreamHandler); nothing else inspects messages.
import { status } from '@grpc/grpc-js';
import { isSwitchboardError, type ErrorCode } from '@switchboard/runtime';

const STATUS_OF_CODE: Readonly<Record<ErrorCode, status>> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  NOT_FOUND: status.NOT_FOUND,
  FAILED_PRECONDITION: status.FAILED_PRECONDITION,
  OUT_OF_RANGE: status.OUT_OF_RANGE,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  UNAVAILABLE: status.UNAVAILABLE,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  BUS_UNAVAILABLE: status.UNAVAILABLE,
  DECODE_FAILED: status.INVALID_ARGUMENT,
  INVALID_EVENT: status.INVALID_ARGUMENT,
  // Faults of this gateway or its deployment, not of the caller: their text stays in our logs.
  CONFIG_INVALID: status.INTERNAL,
  HANDLER_FAILED: status.INTERNAL,
  SINK_REJECTED: status.INTERNAL,
  TOPIC_MISMATCH: status.INTERNAL,
};

/** What ends a stream: the trailers' grpc-status and grpc-message. */
export interface GrpcStatusError {
  readonly code: status;
  readonly details: string;
}

export function toGrpcStatus(err: unknown): GrpcStatusError {
  if (isSwitchboardError(err)) {
    const code = STATUS_OF_CODE[err.code];
    const details = code === status.INTERNAL ? 'internal error' : err.message;
    return { code, details };
  }
  return { code: status.INTERNAL, details: 'internal error' };
}
