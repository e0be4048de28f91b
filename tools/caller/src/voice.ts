// The caller's voice: the turn's text spoken by a TTS engine at the telephone rate, then styled.
// An angry caller speaks louder, faster and higher: the audio is played back 15 % faster (which
// raises the pitch by as much, as a tense voice does) and 6 dB louder, so the platform's
// prosody measurement has something real to hear.
import { resamplePcm16, type SpeechSynthesizer } from '@switchboard/speech';
import type { CallerLanguage, Voice } from './scenario';

export const LINE_RATE_HZ = 8000;
const ANGRY_SPEED = 1.15;
const ANGRY_GAIN = 2; // +6 dB

export async function speak(synthesizer: SpeechSynthesizer, text: string, language: CallerLanguage, voice: Voice): Promise<Int16Array> {
  const audio = await synthesizer.synthesize({ text, language, sampleRateHz: LINE_RATE_HZ });
  const samples = audio.sampleRateHz === LINE_RATE_HZ ? audio.samples : resamplePcm16(audio.samples, audio.sampleRateHz, LINE_RATE_HZ);
  return voice === 'angry' ? louder(faster(samples, ANGRY_SPEED), ANGRY_GAIN) : samples;
}

/** Played `factor` times faster: read as if recorded at a higher rate. */
function faster(samples: Int16Array, factor: number): Int16Array {
  return resamplePcm16(samples, Math.round(LINE_RATE_HZ * factor), LINE_RATE_HZ);
}

function louder(samples: Int16Array, gain: number): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * gain)));
  return out;
}
