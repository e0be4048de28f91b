// The MediaIngest.Stream handler. @GrpcStreamCall hands over the raw grpc-js duplex (not an RxJS
// wrapper), which is what lets a call's read side be paused for back-pressure.
// (The filter is bound here rather than with useGlobalFilters: a hybrid app's microservice is
// already initialised when connectMicroservice returns, too late for global filters.)
import { Controller, UseFilters } from '@nestjs/common';
import { GrpcStreamCall } from '@nestjs/microservices';
import { MEDIA_INGEST_SERVICE_NAME } from '@switchboard/contracts';
import type { Observable } from 'rxjs';
import { CallSessionFactory } from '../call/call-session-factory';
import type { SessionOutcome } from '../call/session-outcome';
import { GrpcEdgeExceptionFilter } from './grpc-edge.filter';
import { runMediaStream, streamPort, type MediaDuplex } from './media-stream';

// Every error leaving this controller is mapped to a gRPC status by the edge filter.
@Controller()
@UseFilters(GrpcEdgeExceptionFilter)
export class MediaIngestController {
  constructor(private readonly sessions: CallSessionFactory) {}

  @GrpcStreamCall(MEDIA_INGEST_SERVICE_NAME, 'Stream')
  stream(call: MediaDuplex): Observable<SessionOutcome['kind']> {
    const session = this.sessions.create(streamPort(call));
    const refusal = this.sessions.admissionError();
    if (refusal) session.refuse(refusal);
    return runMediaStream(call, session);
  }
}
