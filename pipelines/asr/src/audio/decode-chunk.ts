// AudioChunk → 16-bit linear PCM frames. G.711 µ-law / A-law go through the speech package's
// table decoders; L16 is little-endian as the edge sends it. A chunk that breaks the contract
// (unknown codec, a payload that is not frame_count whole frames) is rejected with INVALID_EVENT
// before any state is touched, so the runtime's retries and dead-lettering apply cleanly.
import { Codec, type AudioChunk } from '@switchboard/contracts';
import { SwitchboardError } from '@switchboard/runtime';
import { decodeALaw, decodeMuLaw } from '@switchboard/speech';

/** The edge sends 20 ms frames; the VAD is set up for that duration. */
export const FRAME_MS = 20;

export interface DecodedChunk {
  readonly firstSequence: number;
  readonly sampleRateHz: number;
  /** One Int16Array view per 20 ms frame, in sequence order. */
  readonly frames: readonly Int16Array[];
}

/** Linear PCM of a payload in `codec`; undefined for codecs this package cannot decode. */
export function decodePcm(codec: Codec, payload: Uint8Array): Int16Array | undefined {
  switch (codec) {
    case Codec.CODEC_PCMU:
      return decodeMuLaw(payload);
    case Codec.CODEC_PCMA:
      return decodeALaw(payload);
    case Codec.CODEC_L16: {
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      const out = new Int16Array(payload.byteLength >> 1);
      for (let i = 0; i < out.length; i++) out[i] = view.getInt16(2 * i, true);
      return out;
    }
    default:
      return undefined;
  }
}

function bytesPerSample(codec: Codec): number {
  return codec === Codec.CODEC_L16 ? 2 : 1;
}

export function decodeChunk(chunk: AudioChunk): DecodedChunk {
  const invalid = (why: string): SwitchboardError => new SwitchboardError('INVALID_EVENT', `audio chunk ${why}`);
  const frameMs = chunk.frameDurationMs === 0 ? FRAME_MS : chunk.frameDurationMs;
  if (frameMs !== FRAME_MS) throw invalid(`frame_duration_ms is ${chunk.frameDurationMs}, the ASR takes ${FRAME_MS} ms frames`);
  if (chunk.channels > 1) throw invalid(`has ${chunk.channels} channels, the ASR takes mono`);
  const rate = chunk.sampleRateHz;
  const g711 = chunk.codec === Codec.CODEC_PCMU || chunk.codec === Codec.CODEC_PCMA;
  if (g711 && rate !== 8000) throw invalid(`is G.711 at ${rate} Hz (G.711 is 8000 Hz)`);
  const samplesPerFrame = (rate * frameMs) / 1000;
  if (!Number.isInteger(samplesPerFrame) || samplesPerFrame <= 0) throw invalid(`sample_rate_hz ${rate} does not make whole ${frameMs} ms frames`);
  if (chunk.frameCount <= 0) throw invalid('has no frames');
  const frameBytes = samplesPerFrame * bytesPerSample(chunk.codec);
  if (chunk.payload.length !== chunk.frameCount * frameBytes) {
    throw invalid(`payload is ${chunk.payload.length} bytes, not ${chunk.frameCount} frames of ${frameBytes}`);
  }
  const pcm = decodePcm(chunk.codec, chunk.payload);
  if (pcm === undefined) throw invalid(`codec ${Codec[chunk.codec] ?? String(chunk.codec)} is not supported`);
  const frames: Int16Array[] = [];
  for (let i = 0; i < chunk.frameCount; i++) frames.push(pcm.subarray(i * samplesPerFrame, (i + 1) * samplesPerFrame));
  return { firstSequence: chunk.firstSequence, sampleRateHz: rate, frames };
}
