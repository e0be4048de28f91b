// Which codec / sample-rate pairs the edge accepts and how large one 20 ms frame of each is.
// The frame size is what makes a frame "oversized": the proto promises exactly one 20 ms frame.
import { Codec } from '@switchboard/contracts';
import { SwitchboardError } from '@switchboard/runtime';

export const FRAME_DURATION_MS = 20;
const FRAMES_PER_SECOND = 1000 / FRAME_DURATION_MS;

export interface MediaFormat {
  readonly codec: Codec;
  readonly sampleRateHz: number;
  readonly channels: number;
  /** Bytes in one 20 ms frame. */
  readonly frameBytes: number;
}

/** Linear PCM rates whose 20 ms frame is a whole number of samples. */
const L16_RATES: ReadonlySet<number> = new Set([8000, 16000, 24000, 32000, 44100, 48000]);

/** The format of a stream, or INVALID_ARGUMENT naming what does not fit. */
export function mediaFormatOf(codec: Codec, sampleRateHz: number): MediaFormat {
  switch (codec) {
    case Codec.CODEC_PCMU:
    case Codec.CODEC_PCMA:
      // G.711 is defined at 8 kHz only: 1 byte per sample, 160 bytes per 20 ms.
      if (sampleRateHz !== 8000) throw new SwitchboardError('INVALID_ARGUMENT', `sample_rate_hz must be 8000 for ${Codec[codec]}`);
      return { codec, sampleRateHz, channels: 1, frameBytes: sampleRateHz / FRAMES_PER_SECOND };
    case Codec.CODEC_L16:
      if (!L16_RATES.has(sampleRateHz)) {
        throw new SwitchboardError('INVALID_ARGUMENT', `sample_rate_hz must be one of ${[...L16_RATES].join(', ')} for CODEC_L16`);
      }
      // 2 bytes per sample, mono.
      return { codec, sampleRateHz, channels: 1, frameBytes: (2 * sampleRateHz) / FRAMES_PER_SECOND };
    default:
      throw new SwitchboardError('INVALID_ARGUMENT', 'codec must be CODEC_PCMU, CODEC_PCMA or CODEC_L16');
  }
}
