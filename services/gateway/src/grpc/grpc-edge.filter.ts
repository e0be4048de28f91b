// Bound to the gRPC controller (@UseFilters): every error leaving a gRPC handler is mapped once
// here (grpc-status.ts), counted, and sent as the call's status.
import { Duplex } from 'node:stream';
import { status } from '@grpc/grpc-js';
import { Catch, Inject, Injectable, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { errorMessage, type Logger } from '@switchboard/runtime';
import { of, throwError, type Observable } from 'rxjs';
import { LOGGER } from '../infra/tokens';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { toGrpcStatus } from './grpc-status';

@Catch()
@Injectable()
export class GrpcEdgeExceptionFilter implements RpcExceptionFilter {
  constructor(
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<unknown> {
    const grpcStatus = toGrpcStatus(exception);
    this.metrics.rejectedStreams.inc({ code: status[grpcStatus.code] });
    if (grpcStatus.code === status.INTERNAL) {
      const cause = exception instanceof Error && exception.cause !== undefined ? exception.cause : exception;
      this.logger.error('gRPC handler failed', { error: errorMessage(cause) });
    }
    // A @GrpcStreamCall handler gets the raw call as its only argument, and Nest does not write a
    // status for it: the status is sent here, and the handler's stream settles normally.
    const first: unknown = host.getArgByIndex(0);
    if (host.getArgs().length === 1 && first instanceof Duplex) {
      if (!first.writableEnded && !first.destroyed) first.emit('error', grpcStatus);
      return of(undefined);
    }
    // Unary and RX-stream handlers: Nest passes this object to grpc-js as the status.
    return throwError(() => grpcStatus);
  }
}
