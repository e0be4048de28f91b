// The emotion processor: final transcripts in (text plus the prosody the ASR measured on the same
// utterance), one `emotion` event out per final transcript. The caller's voice baseline lives in
// keyed, checkpointed state, so "louder than this caller usually is" survives a restart.
// Transcript text is PII: it is analysed, never logged nor emitted.
import type { Processor } from '@switchboard/runtime';
import { DEFAULT_VOICE_WEIGHTS, voiceEvidence, type VoiceWeights } from '../baseline/arousal';
import { DEFAULT_BASELINE_OPTIONS, newBaseline, parseBaseline, updateBaseline, voiceFeatures, zScores, type BaselineOptions, type CallerBaseline } from '../baseline/baseline';
import { DEFAULT_FUSION_OPTIONS, fuse, type FusionOptions } from '../fusion/fusion';
import { SentimentAnalyzer, type SentimentOptions } from '../text/sentiment';

export const EMOTION_STATE_VERSION = 1;

export interface EmotionState {
  baseline: CallerBaseline;
  /** Final transcripts handled in this conversation. */
  utterances: number;
}

export interface EmotionProcessorOptions {
  /** Consumer group and `source` of emitted events; default `emotion`. */
  readonly name?: string;
  /** Thresholds and weights for every tenant. */
  readonly fusion?: Partial<FusionOptions>;
  /** A tenant's own thresholds over `fusion` (read on every event, so a config reload applies at once). */
  readonly fusionFor?: (tenantId: string) => Partial<FusionOptions> | undefined;
  readonly baseline?: Partial<BaselineOptions>;
  readonly voiceWeights?: VoiceWeights;
  readonly sentiment?: Partial<SentimentOptions>;
}

export function createEmotionProcessor(options: EmotionProcessorOptions = {}): Processor<EmotionState> {
  const analyzer = new SentimentAnalyzer(options.sentiment);
  const baselineOptions: BaselineOptions = { ...DEFAULT_BASELINE_OPTIONS, ...options.baseline };
  const voiceWeights = options.voiceWeights ?? DEFAULT_VOICE_WEIGHTS;
  const fusion: FusionOptions = { ...DEFAULT_FUSION_OPTIONS, ...options.fusion };
  return {
    name: options.name ?? 'emotion',
    inputs: ['transcripts'],
    handles: new Set(['transcript']),
    initialState: () => ({ baseline: newBaseline(), utterances: 0 }),
    handle(event, ctx) {
      const t = event.transcript;
      if (t === undefined || !t.isFinal) return;
      const text = analyzer.analyze(t.text, t.language);
      // Judge the utterance against the baseline as it was before it, then learn from it.
      const features = t.prosody === undefined ? {} : voiceFeatures(t.prosody, baselineOptions);
      const voice = voiceEvidence(zScores(ctx.state.baseline, features, baselineOptions), voiceWeights);
      updateBaseline(ctx.state.baseline, features, baselineOptions);
      ctx.state.utterances++;
      const tenant = options.fusionFor?.(ctx.tenantId);
      const fused = fuse(text, voice, tenant === undefined ? fusion : { ...fusion, ...tenant });
      ctx.emit('emotion', {
        utteranceId: t.utteranceId,
        label: fused.label,
        valence: fused.valence,
        arousal: fused.arousal,
        prosody: t.prosody,
        textSentiment: text.score,
      });
      ctx.logger.debug('emotion', { utteranceId: t.utteranceId, label: fused.label, usedVoice: fused.usedVoice, utterances: ctx.state.utterances });
    },
    checkpoint: {
      version: EMOTION_STATE_VERSION,
      save: (state) => state,
      restore: (saved, version) => {
        if (version !== EMOTION_STATE_VERSION) throw new Error(`emotion checkpoint version ${version} is not ${EMOTION_STATE_VERSION}`);
        const utterances = (saved as { utterances?: unknown } | null)?.utterances;
        if (typeof utterances !== 'number' || !Number.isInteger(utterances) || utterances < 0) throw new Error('emotion checkpoint has no utterance count');
        return { baseline: parseBaseline((saved as { baseline?: unknown }).baseline), utterances };
      },
    },
  };
}
