// The port through which "say"/"ask" text becomes audio for the call, in the call's own format.
// CallAudioSynthesizer (playback/) adapts the speech engines (Piper for English, espeak-ng for
// Chinese, behind @switchboard/speech) to it; the placeholder below serves tests of the stream.
import type { Codec } from '@switchboard/contracts';

export interface SpeechRequest {
  /** May echo slots (PII): never log it. */
  readonly text: string;
  readonly language: string;
  /** The call's codec and rate: the audio must be in the call's own format. */
  readonly codec: Codec;
  readonly sampleRateHz: number;
  /** Set for fixed prompts (the pack's prompt id): their audio may be cached. Never set for text with PII. */
  readonly cacheKey?: string;
}

export interface SpeechSynthesizer {
  /** Engine name for logs and metrics. */
  readonly name: string;
  /** Whole 20 ms frames of the call's format, concatenated; empty when there is nothing to play. */
  synthesize(request: SpeechRequest): Promise<Buffer>;
}

/** Injection token of the SpeechSynthesizer. */
export const SPEECH_SYNTHESIZER = Symbol('SPEECH_SYNTHESIZER');

/**
 * NOT a synthesizer: returns no audio for every request and logs nothing. It only lets the return
 * path (action → PlayAudio on the stream) work end to end before a TTS adapter exists; the media
 * side receives a PlayAudio with empty audio and `last` set.
 */
export class NoAudioPlaceholderSynthesizer implements SpeechSynthesizer {
  readonly name = 'no-audio-placeholder';

  synthesize(): Promise<Buffer> {
    return Promise.resolve(Buffer.alloc(0));
  }
}
