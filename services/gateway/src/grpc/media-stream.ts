// Serves one MediaIngest.Stream: binds the grpc-js duplex to a new CallSession (messages in,
// messages out, pause()/resume() of the read side for back-pressure) and carries out the session's
// outcome: OK, nothing (the transport is gone), or the error mapped once to a gRPC status
// (grpc-status.ts), counted and, when it is our own fault, logged.
import { status, type ServerDuplexStream } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import type { MediaClientMessage, MediaServerMessage } from '@switchboard/contracts';
import { errorMessage, type Logger } from '@switchboard/runtime';
import { CallSessionFactory } from '../call/call-session-factory';
import type { MediaStreamPort } from '../call/session-deps';
import { LOGGER } from '../infra/tokens';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { toGrpcStatus } from './grpc-status';

export type MediaDuplex = ServerDuplexStream<MediaClientMessage, MediaServerMessage>;

function streamPort(call: MediaDuplex): MediaStreamPort {
  return {
    write: (message) => { call.write(message); },
    pause: () => { call.pause(); },
    resume: () => { call.resume(); },
  };
}

@Injectable()
export class MediaStreamHandler {
  constructor(
    private readonly sessions: CallSessionFactory,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The Stream method's handler (grpc-js calls it once per new stream). */
  serve(call: MediaDuplex): void {
    const refusal = this.sessions.admissionError();
    if (refusal) {
      this.endWithError(call, refusal);
      return;
    }
    const session = this.sessions.create(streamPort(call));
    call.on('data', (message: MediaClientMessage) => { session.handle(message); });
    call.on('end', () => { session.onHalfClose(); });
    call.on('cancelled', () => {
      // Messages that already arrived but sat in the paused read buffer are still the call's:
      // read() hands each one to the 'data' listener above.
      while (call.read() !== null) { /* drained through 'data' */ }
      session.onStreamLost();
    });
    void session.outcome.then((outcome) => {
      if (outcome.kind === 'error') this.endWithError(call, outcome.error);
      // OK status once everything written so far has been flushed to the stream.
      else if (outcome.kind === 'ok' && !call.writableEnded) call.end();
    });
  }

  private endWithError(call: MediaDuplex, error: unknown): void {
    const grpcStatus = toGrpcStatus(error);
    this.metrics.rejectedStreams.inc({ code: status[grpcStatus.code] });
    if (grpcStatus.code === status.INTERNAL) {
      const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
      this.logger.error('media stream failed', { error: errorMessage(cause) });
    }
    // grpc-js turns an 'error' emitted on a server stream into the call's final status.
    if (!call.writableEnded && !call.destroyed) call.emit('error', grpcStatus);
  }
}
