// A MediaIngest server for sip-ingress tests: a real grpc-js server on loopback speaking the
// generated contract, which accepts every stream, records what each call sends (start, frames,
// DTMF, hang-up) and lets the test act as the platform (play a prompt, stop it, transfer, hang
// up). The real gateway is exercised by the end-to-end test; this keeps call tests to seconds.
import { Server, ServerCredentials, status, type ServerDuplexStream } from '@grpc/grpc-js';
import type { Cleanups } from './cleanups';
import type { MediaClientMessage, MediaServerMessage, StreamStart } from '@switchboard/contracts';
import { MEDIA_INGEST_DEFINITION } from '@switchboard/gateway/media-wire';

export interface StubCall {
  readonly start: StreamStart;
  readonly frames: Buffer[];
  readonly sequences: number[];
  readonly digits: string[];
  hangupReason: string | undefined;
  /** Resolves when the media side has half-closed or cancelled the stream. */
  readonly ended: Promise<void>;
  send(message: MediaServerMessage): void;
  /** Ends the stream from the platform's side (status OK). */
  finish(): void;
}

export interface StubGateway {
  readonly address: string;
  readonly calls: StubCall[];
  /** The next call to start (already started ones first). */
  nextCall(timeoutMs?: number): Promise<StubCall>;
}

export interface StubBehaviour {
  /** 'yes' (default): StreamAccepted at once; 'refuse': end the stream with UNAVAILABLE; 'never': say nothing. */
  readonly accept?: 'yes' | 'refuse' | 'never';
  /** Send HangupCall right after accepting (the bot ends the call). */
  readonly hangUp?: boolean;
  /** Send TransferCall to this queue this long after accepting. */
  readonly transfer?: { readonly queue: string; readonly afterMs: number };
  /** Sent right after StreamAccepted: a greeting of this many 20 ms frames (byte i % 200 + 1 in frame i). */
  readonly greetingFrames?: number;
}

export async function startStubGateway(t: Cleanups, behaviour: StubBehaviour = {}): Promise<StubGateway> {
  const server = new Server();
  const calls: StubCall[] = [];
  const waiting: ((c: StubCall) => void)[] = [];
  let taken = 0;
  server.addService(MEDIA_INGEST_DEFINITION, {
    Stream: (stream: ServerDuplexStream<MediaClientMessage, MediaServerMessage>) => {
      let call: (StubCall & { resolveEnded: () => void }) | undefined;
      stream.on('error', () => undefined);
      stream.on('data', (m: MediaClientMessage) => {
        if (m.start) {
          if (behaviour.accept === 'refuse') {
            stream.emit('error', Object.assign(new Error('refused'), { code: status.UNAVAILABLE, details: 'refused by the test' }));
            return;
          }
          let resolveEnded = (): void => undefined;
          const ended = new Promise<void>((r) => { resolveEnded = r; });
          call = {
            start: m.start, frames: [], sequences: [], digits: [], hangupReason: undefined, ended, resolveEnded,
            send: (msg) => { stream.write(msg); },
            finish: () => { stream.end(); },
          };
          calls.push(call);
          const w = waiting.shift();
          if (w) { taken++; w(call); }
          if (behaviour.accept === 'never') return;
          stream.write({ accepted: { callId: m.start.callId, conversationId: `conv-${m.start.callId}` } });
          const frames = behaviour.greetingFrames ?? 0;
          if (frames > 0) {
            const audio = Buffer.alloc(frames * 160);
            for (let i = 0; i < frames; i++) audio.fill((i % 200) + 1, i * 160, (i + 1) * 160);
            stream.write({ play: { actionId: 'greeting', codec: m.start.codec, sampleRateHz: 8000, audio, chunkIndex: 0, last: true, bargeInAllowed: true } });
          }
          if (behaviour.hangUp === true) stream.write({ hangup: { actionId: 'bye', reason: 'done' } });
          const transfer = behaviour.transfer;
          if (transfer) setTimeout(() => { stream.write({ transfer: { actionId: 'handoff', queue: transfer.queue, summary: 'wants a refund', context: {} } }); }, transfer.afterMs);
        } else if (call && m.audio) {
          call.frames.push(Buffer.from(m.audio.payload));
          call.sequences.push(m.audio.sequence);
        } else if (call && m.dtmf) {
          call.digits.push(m.dtmf.digit);
        } else if (call && m.hangup) {
          call.hangupReason = m.hangup.reason;
        }
      });
      const over = (): void => { call?.resolveEnded(); };
      stream.on('end', () => { over(); stream.end(); });
      stream.on('cancelled', over);
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => { if (err) reject(err); else resolve(p); });
  });
  t.after(() => new Promise<void>((resolve) => { server.tryShutdown(() => { resolve(); }); setTimeout(() => { server.forceShutdown(); resolve(); }, 2000).unref(); }));
  return {
    address: `127.0.0.1:${port}`,
    calls,
    nextCall(timeoutMs = 10_000) {
      if (taken < calls.length) return Promise.resolve(calls[taken++]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { reject(new Error('no call reached the stub gateway')); }, timeoutMs);
        waiting.push((c) => { clearTimeout(timer); resolve(c); });
      });
    },
  };
}
