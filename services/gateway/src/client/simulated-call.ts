// Plays one simulated call through a MediaIngestClient: start, 20 ms frames of generated audio
// (paced in real time or as fast as the stream accepts), DTMF at chosen frames, then a hang-up.
import { Codec, type MediaServerMessage } from '@switchboard/contracts';
import { encodeALaw, encodeL16, encodeMuLaw, tone } from '@switchboard/speech';
import type { MediaIngestClient, StreamStatus } from './media-client';

export interface SimulatedCallOptions {
  readonly callId: string;
  readonly tenantId: string;
  readonly codec?: Codec;
  readonly sampleRateHz?: number;
  readonly callerNumber?: string;
  readonly calleeNumber?: string;
  /** Number of 20 ms frames to send. */
  readonly frames: number;
  /** 20 = real time; 0 = as fast as the stream accepts (write back-pressure is honoured). */
  readonly paceMs?: number;
  readonly firstSequence?: number;
  readonly dtmf?: ReadonlyArray<{ readonly afterFrame: number; readonly digit: string; readonly durationMs?: number }>;
  /** How the call ends: a hangup message then half-close (default), only half-close, cancel, or nothing. */
  readonly ending?: 'hangup' | 'half-close' | 'cancel' | 'none';
}

export interface SimulatedCallResult {
  readonly conversationId: string | undefined;
  readonly framesSent: number;
  readonly status: StreamStatus;
  readonly received: readonly MediaServerMessage[];
}

/** 20 ms frames of a 440 Hz tone in the codec's format. */
export function toneFrame(codec: Codec, sampleRateHz: number, frameIndex: number): Buffer {
  const samples = sampleRateHz / 50;
  const pcm = tone(440, sampleRateHz, samples, 8000, frameIndex * samples);
  if (codec === Codec.CODEC_PCMA) return encodeALaw(pcm);
  if (codec === Codec.CODEC_L16) return encodeL16(pcm);
  return encodeMuLaw(pcm);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function playSimulatedCall(client: MediaIngestClient, o: SimulatedCallOptions): Promise<SimulatedCallResult> {
  const codec = o.codec ?? Codec.CODEC_PCMU;
  const rate = o.sampleRateHz ?? 8000;
  const pace = o.paceMs ?? 20;
  const stream = client.openStream();
  stream.start({ callId: o.callId, tenantId: o.tenantId, codec, sampleRateHz: rate, callerNumber: o.callerNumber ?? '', calleeNumber: o.calleeNumber ?? '', attributes: {} });
  const first = await stream.next();
  const conversationId = first?.accepted?.conversationId;
  let sent = 0;
  if (conversationId !== undefined) {
    const startedAt = performance.now();
    const seq0 = o.firstSequence ?? 1;
    for (let i = 0; i < o.frames; i++) {
      // Drift-free pacing: frame i leaves at start + i × pace.
      if (pace > 0) {
        const wait = startedAt + i * pace - performance.now();
        if (wait > 0) await sleep(wait);
      }
      await stream.sendPaced({ audio: { sequence: seq0 + i, payload: toneFrame(codec, rate, i) } });
      sent++;
      for (const d of o.dtmf ?? []) if (d.afterFrame === i + 1) stream.dtmf(d.digit, d.durationMs ?? 100);
    }
    const ending = o.ending ?? 'hangup';
    if (ending === 'hangup') {
      stream.hangup();
      stream.end();
    } else if (ending === 'half-close') stream.end();
    else if (ending === 'cancel') stream.cancel();
  } else {
    stream.end();
  }
  const status = await stream.status;
  return { conversationId, framesSent: sent, status, received: stream.received };
}
