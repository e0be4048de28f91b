// How a stream ends, decided by the call session and carried out by the gRPC edge:
// ok → status OK; error → the error's code mapped to a gRPC status (grpc/grpc-status.ts);
// gone → the transport is already closed, nothing can be sent.
import { SwitchboardError } from '@switchboard/runtime';

export type SessionOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'gone' }
  | { readonly kind: 'error'; readonly error: SwitchboardError };

/** Anything thrown that is not already a SwitchboardError is an internal failure. */
export function asSwitchboardError(err: unknown): SwitchboardError {
  if (err instanceof SwitchboardError) return err;
  return new SwitchboardError('HANDLER_FAILED', 'internal error', { cause: err });
}
