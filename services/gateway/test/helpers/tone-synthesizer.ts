// A stand-in voice for stream tests: every request gets `durationMs` of a tone in the call's
// format (real engines are tested in @switchboard/speech and end to end).
import { Codec } from '@switchboard/contracts';
import { encodeALaw, encodeL16, encodeMuLaw, tone } from '@switchboard/speech';
import type { SpeechRequest, SpeechSynthesizer } from '../../src/tts/speech-synthesizer';

export class ToneSynthesizer implements SpeechSynthesizer {
  readonly name = 'tone';
  readonly requests: SpeechRequest[] = [];

  constructor(private readonly durationMs = 200) {}

  synthesize(request: SpeechRequest): Promise<Buffer> {
    this.requests.push(request);
    const pcm = tone(440, request.sampleRateHz, (request.sampleRateHz * this.durationMs) / 1000);
    const encode = request.codec === Codec.CODEC_PCMA ? encodeALaw : request.codec === Codec.CODEC_L16 ? encodeL16 : encodeMuLaw;
    return Promise.resolve(encode(pcm));
  }
}
