// Fusion of words and voice into one reading per utterance. Valence comes mostly from the words,
// pushed by the voice (an aroused voice makes negative words more negative; a low, flat, slow
// voice pulls towards sad). Arousal comes mostly from the voice; without prosody (Chinese text
// path, chat) it comes from how strongly the words are put, at a lower weight, so text alone
// rarely reaches "angry". Every threshold and weight is an option, configurable per tenant.
import type { VoiceEvidence } from '../baseline/arousal';
import type { TextSentiment } from '../text/sentiment';

export const EMOTION_LABELS = ['neutral', 'happy', 'frustrated', 'angry', 'sad'] as const;
export type EmotionLabel = (typeof EMOTION_LABELS)[number];

export interface FusionOptions {
  /** Valence at or above this is happy. */
  readonly happyValence: number;
  /** Valence at or below this is a negative state (frustrated, angry or sad). */
  readonly negativeValence: number;
  /** Angry: valence at or below this and arousal at or above angryArousal. */
  readonly angryValence: number;
  readonly angryArousal: number;
  /** Sad: negative, arousal at or below sadArousal and a voice at least sadLowness low (needs prosody). */
  readonly sadArousal: number;
  readonly sadLowness: number;
  /** Neutral words in a voice this aroused read as frustrated. */
  readonly agitatedArousal: number;
  /** With prosody: arousal = w·voice + (1 − w)·text intensity. */
  readonly voiceArousalWeight: number;
  /** Without prosody: arousal = w·text intensity (less sure, so lower). */
  readonly textOnlyArousalWeight: number;
  /** Valence magnitude grows by up to this share with voice arousal. */
  readonly arousalValencePush: number;
  /** A low voice pulls valence down by up to this. */
  readonly lowVoiceValencePush: number;
}

export const DEFAULT_FUSION_OPTIONS: FusionOptions = {
  happyValence: 0.3,
  negativeValence: -0.2,
  angryValence: -0.35,
  angryArousal: 0.6,
  sadArousal: 0.3,
  sadLowness: 0.35,
  agitatedArousal: 0.7,
  voiceArousalWeight: 0.8,
  textOnlyArousalWeight: 0.6,
  arousalValencePush: 0.5,
  lowVoiceValencePush: 0.2,
};

export interface FusedEmotion {
  readonly label: EmotionLabel;
  /** −1..1 */
  readonly valence: number;
  /** 0..1 */
  readonly arousal: number;
  /** Whether voice evidence took part. */
  readonly usedVoice: boolean;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

export function fuse(text: TextSentiment, voice: VoiceEvidence | undefined, o: FusionOptions = DEFAULT_FUSION_OPTIONS): FusedEmotion {
  let valence = text.score;
  let arousal: number;
  if (voice !== undefined) {
    valence = valence * (1 + o.arousalValencePush * voice.arousal) - o.lowVoiceValencePush * voice.lowness;
    arousal = o.voiceArousalWeight * voice.arousal + (1 - o.voiceArousalWeight) * text.intensity;
  } else {
    arousal = o.textOnlyArousalWeight * text.intensity;
  }
  valence = clamp(valence, -1, 1);
  arousal = clamp(arousal, 0, 1);
  return { label: labelOf(valence, arousal, voice, o), valence, arousal, usedVoice: voice !== undefined };
}

function labelOf(valence: number, arousal: number, voice: VoiceEvidence | undefined, o: FusionOptions): EmotionLabel {
  if (valence >= o.happyValence) return 'happy';
  if (valence <= o.negativeValence) {
    if (valence <= o.angryValence && arousal >= o.angryArousal) return 'angry';
    // Text alone cannot tell sad from frustrated: sadness needs a low voice.
    if (voice !== undefined && arousal <= o.sadArousal && voice.lowness >= o.sadLowness) return 'sad';
    return 'frustrated';
  }
  if (voice !== undefined && arousal >= o.agitatedArousal) return 'frustrated';
  return 'neutral';
}
