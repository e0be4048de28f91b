// Envelopes of one simulated call: lifecycle events and µ-law audio chunks of 5 frames.
import { Codec, EndReason, type Envelope, type Transcript } from '@switchboard/contracts';
import { testEvent, type HarnessOutput } from '@switchboard/runtime';
import { encodeMuLaw } from '@switchboard/speech';
import { FRAME } from './signals';

export function callStarted(conversationId: string, attributes: Record<string, string> = {}): Envelope {
  return testEvent('callStarted', { callId: `call-${conversationId}`, callerNumber: '+15550001111', calleeNumber: '+15550002222', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'grpc', attributes }, { conversationId });
}

export function callEnded(conversationId: string, audioFrames: number): Envelope {
  return testEvent('callEnded', { reason: EndReason.END_REASON_CALLER_HANGUP, detail: '', durationMs: audioFrames * 20, audioFrames, dtmfDigits: 0 }, { conversationId });
}

/** The call's audio as chunks of `framesPerChunk` frames, sequences from `firstSequence`. */
export function audioChunks(conversationId: string, pcm: Int16Array, firstSequence = 1, framesPerChunk = 5): Envelope[] {
  const bytes = encodeMuLaw(pcm);
  const frames = Math.floor(pcm.length / FRAME);
  const out: Envelope[] = [];
  for (let f = 0; f < frames; f += framesPerChunk) {
    const n = Math.min(framesPerChunk, frames - f);
    out.push(testEvent('audio', {
      codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channels: 1, firstSequence: firstSequence + f, frameCount: n, frameDurationMs: 20,
      payload: bytes.subarray(f * FRAME, (f + n) * FRAME),
    }, { conversationId }));
  }
  return out;
}

export function transcriptsOf(out: readonly HarnessOutput[]): Transcript[] {
  return out.flatMap((o) => (o.topic === 'transcripts' && o.envelope.transcript ? [o.envelope.transcript] : []));
}

/** Lets settled promises run their callbacks (one macrotask turn; not a timer). */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
