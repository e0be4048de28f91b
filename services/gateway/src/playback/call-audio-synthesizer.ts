// The gateway's SpeechSynthesizer over the speech ports (@switchboard/speech): the engine speaks
// 16-bit PCM at the call's rate; here it becomes whole 20 ms frames of the call's own codec.
// Fixed prompts (the dialogue sets a prompt id) carry a cache key, so a CachingSynthesizer in
// front of the engine renders the greeting once, not once per call.
import { Codec } from '@switchboard/contracts';
import { SwitchboardError } from '@switchboard/runtime';
import { encodeALaw, encodeL16, encodeMuLaw, resamplePcm16, type SpeechSynthesizer as SpeechEngine } from '@switchboard/speech';
import type { SpeechRequest, SpeechSynthesizer } from '../tts/speech-synthesizer';

export class CallAudioSynthesizer implements SpeechSynthesizer {
  readonly name: string;

  constructor(private readonly engine: SpeechEngine) {
    this.name = engine.name;
  }

  async synthesize(request: SpeechRequest): Promise<Buffer> {
    const audio = await this.engine.synthesize({
      text: request.text,
      language: request.language,
      sampleRateHz: request.sampleRateHz,
      ...(request.cacheKey === undefined || request.cacheKey === '' ? {} : { cacheKey: request.cacheKey }),
    });
    const pcm = audio.sampleRateHz === request.sampleRateHz ? audio.samples : resamplePcm16(audio.samples, audio.sampleRateHz, request.sampleRateHz);
    // Whole frames only: the last one is padded with silence.
    const frameSamples = request.sampleRateHz / 50;
    const padded = new Int16Array(Math.ceil(pcm.length / frameSamples) * frameSamples);
    padded.set(pcm);
    switch (request.codec) {
      case Codec.CODEC_PCMU: return encodeMuLaw(padded);
      case Codec.CODEC_PCMA: return encodeALaw(padded);
      case Codec.CODEC_L16: return encodeL16(padded);
      default: throw new SwitchboardError('INVALID_ARGUMENT', `no audio encoding for codec ${request.codec}`);
    }
  }
}
