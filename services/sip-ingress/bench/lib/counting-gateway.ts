// The gateway side of bench:sip: a grpc-js MediaIngest server that accepts every stream at once
// and checks each audio frame against the file sipp plays (frame i carries its index in its
// first two bytes; a frame counts as delivered only when all 160 bytes equal frame i of the
// file, so concealment frames never count) — frames delivered per call, and when each call started.
import { Server, ServerCredentials, type ServerDuplexStream } from '@grpc/grpc-js';
import type { MediaClientMessage, MediaServerMessage } from '@switchboard/contracts';
import { MEDIA_INGEST_DEFINITION } from '@switchboard/gateway/media-wire';

export interface CountingGateway {
  readonly address: string;
  /** Calls started since the last reset, with their start times (performance.now()). */
  readonly starts: number[];
  delivered(): number;
  /** Streams still open. */
  open(): number;
  reset(): void;
  close(): Promise<void>;
}

/** The caller's audio: `frames` 20 ms µ-law frames, frame i starting with i (16 bits) then noise. */
export function benchAudio(frames: number): Buffer {
  const audio = Buffer.alloc(frames * 160);
  let seed = 0x2545f491;
  for (let i = 0; i < frames; i++) {
    audio[i * 160] = i >> 8;
    audio[i * 160 + 1] = i & 0xff;
    for (let k = 2; k < 160; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      audio[i * 160 + k] = seed >>> 24;
    }
  }
  return audio;
}

export async function startCountingGateway(audio: Buffer): Promise<CountingGateway> {
  const frames = audio.length / 160;
  const server = new Server();
  let starts: number[] = [];
  let delivered = 0;
  let open = 0;
  server.addService(MEDIA_INGEST_DEFINITION, {
    Stream: (stream: ServerDuplexStream<MediaClientMessage, MediaServerMessage>) => {
      const seen = new Uint8Array(frames);
      let closed = false;
      open++;
      const close = (): void => { if (!closed) { closed = true; open--; } };
      stream.on('error', close);
      stream.on('cancelled', close);
      stream.on('end', () => { close(); stream.end(); });
      stream.on('data', (m: MediaClientMessage) => {
        const payload = m.audio?.payload;
        if (payload !== undefined) {
          const index = (payload[0]! << 8) | payload[1]!;
          if (index < frames && seen[index] === 0 && audio.compare(payload, 0, 160, index * 160, index * 160 + 160) === 0) {
            seen[index] = 1;
            delivered++;
          }
        } else if (m.start) {
          starts.push(performance.now());
          stream.write({ accepted: { callId: m.start.callId, conversationId: m.start.callId } });
        }
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) => { if (err) reject(err); else resolve(p); });
  });
  return {
    address: `127.0.0.1:${port}`,
    get starts() { return starts; },
    delivered: () => delivered,
    open: () => open,
    reset: () => { starts = []; delivered = 0; },
    close: () => new Promise<void>((resolve) => { server.forceShutdown(); resolve(); }),
  };
}
