// Errors carry a closed code. Edges (gRPC, HTTP, the DLQ) map the code once; nothing else
// inspects messages.

export const ERROR_CODES = [
  'CONFIG_INVALID',
  'DECODE_FAILED',
  'INVALID_EVENT',
  'HANDLER_FAILED',
  'SINK_REJECTED',
  'TOPIC_MISMATCH',
  'BUS_UNAVAILABLE',
  'INVALID_ARGUMENT',
  'ALREADY_EXISTS',
  'NOT_FOUND',
  'FAILED_PRECONDITION',
  'OUT_OF_RANGE',
  'RESOURCE_EXHAUSTED',
  'UNAVAILABLE',
  'DEADLINE_EXCEEDED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class SwitchboardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SwitchboardError';
  }
}

export function isSwitchboardError(err: unknown, code?: ErrorCode): err is SwitchboardError {
  return err instanceof SwitchboardError && (code === undefined || err.code === code);
}

/** A message safe for logs: the error's own message, never the payload that caused it. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
