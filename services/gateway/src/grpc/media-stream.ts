// Binds one grpc-js duplex call to its CallSession: messages in, messages out, pause()/resume()
// of the read side for back-pressure, and the session's outcome turned into the stream's end.
import type { ServerDuplexStream } from '@grpc/grpc-js';
import type { MediaClientMessage, MediaServerMessage } from '@switchboard/contracts';
import { Observable } from 'rxjs';
import type { CallSession } from '../call/call-session';
import type { MediaStreamPort } from '../call/session-deps';
import type { SessionOutcome } from '../call/session-outcome';

export type MediaDuplex = ServerDuplexStream<MediaClientMessage, MediaServerMessage>;

export function streamPort(call: MediaDuplex): MediaStreamPort {
  return {
    write: (message) => { call.write(message); },
    pause: () => { call.pause(); },
    resume: () => { call.resume(); },
  };
}

/**
 * Runs the session on the call. The returned observable emits the outcome kind once and
 * completes (Nest awaits it with lastValueFrom, which rejects on an empty stream); on an error
 * outcome it errors instead, and the gRPC exception filter sends the mapped status.
 */
export function runMediaStream(call: MediaDuplex, session: CallSession): Observable<SessionOutcome['kind']> {
  return new Observable((subscriber) => {
    call.on('data', (message: MediaClientMessage) => { session.handle(message); });
    call.on('end', () => { session.onHalfClose(); });
    call.on('cancelled', () => {
      // Messages that already arrived but sat in the paused read buffer are still the call's:
      // read() hands each one to the 'data' listener above.
      while (call.read() !== null) { /* drained through 'data' */ }
      session.onStreamLost();
    });
    void session.outcome.then((outcome) => {
      if (outcome.kind === 'error') {
        subscriber.error(outcome.error);
        return;
      }
      // OK status once everything written so far has been flushed to the stream.
      if (outcome.kind === 'ok' && !call.writableEnded) call.end();
      subscriber.next(outcome.kind);
      subscriber.complete();
    });
  });
}
