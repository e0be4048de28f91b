// Serves one MediaIngest.Stream: binds the call's transport (MediaCall) to a new CallSession
// (messages in, messages out, pause()/resume() of the read side for back-pressure) and carries out
// the session's outcome: OK, nothing (the transport is gone), or the error mapped once to a gRPC
// status (grpc-status.ts), counted and, when it is our own fault, logged.
import { status } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import { errorMessage, type Logger } from '@switchboard/runtime';
import { CallSessionFactory } from '../call/call-session-factory';
import { LOGGER } from '../infra/tokens';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { toGrpcStatus } from './grpc-status';
import type { MediaCall } from './media-call';

@Injectable()
export class MediaStreamHandler {
  constructor(
    private readonly sessions: CallSessionFactory,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Called once per new stream. */
  serve(call: MediaCall): void {
    const refusal = this.sessions.admissionError();
    if (refusal) {
      this.endWithError(call, refusal);
      return;
    }
    const session = this.sessions.create(call);
    call.listen({
      message: (message) => { session.handle(message); },
      unreadable: (error) => { session.onUnreadableMessage(error); },
      halfClose: () => { session.onHalfClose(); },
      lost: () => { session.onStreamLost(); },
    });
    void session.outcome.then((outcome) => {
      if (outcome.kind === 'error') this.endWithError(call, outcome.error);
      // OK status once everything written so far has been flushed to the stream.
      else if (outcome.kind === 'ok') call.finish();
    });
  }

  private endWithError(call: MediaCall, error: unknown): void {
    const grpcStatus = toGrpcStatus(error);
    this.metrics.rejectedStreams.inc({ code: status[grpcStatus.code] });
    if (grpcStatus.code === status.INTERNAL) {
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      this.logger.error('media stream failed', { error: errorMessage(cause) });
    }
    call.fail(grpcStatus);
  }
}
