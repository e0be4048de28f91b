// The barge-in decision for the gateway: the ASR's detector (pure, on 16-bit PCM frames) fed with
// the call's frames decoded from its codec. CallPlayback decides which frames it sees.
import { Codec } from '@switchboard/contracts';
import { BargeInDetector, type BargeInConfig } from '@switchboard/asr';
import { decodeALaw, decodeL16, decodeMuLaw } from '@switchboard/speech';
import type { MediaFormat } from '../call/media-format';
import type { BargeInJudge } from './call-playback';

export class DetectorBargeInJudge implements BargeInJudge {
  private readonly detector: BargeInDetector;
  private readonly decode: (bytes: Uint8Array) => Int16Array;

  constructor(format: MediaFormat, config: Partial<BargeInConfig> = {}) {
    this.detector = new BargeInDetector({ ...config, vad: { ...config.vad, sampleRateHz: format.sampleRateHz, frameMs: 20 } });
    this.decode = format.codec === Codec.CODEC_PCMA ? decodeALaw : format.codec === Codec.CODEC_L16 ? decodeL16 : decodeMuLaw;
  }

  push(callerFrame: Buffer, botSpeaking: boolean): 'barge-in' | 'backchannel' | undefined {
    return this.detector.push(this.decode(callerFrame), botSpeaking)?.type;
  }
}
