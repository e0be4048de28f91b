// Lexical sentiment of one utterance, −1..1. English: the linear model trained on GoEmotions
// blended with the customer-service lexicon (the model knows everyday language, the lexicon knows
// service complaints and handles negation/degree explicitly). Chinese: the lexicon alone, since no
// openly licensed Chinese training set is available.
import { SENTIMENT_EN_MODEL } from '../generated/sentiment-en-model';
import { enFeatures } from './features-en';
import { EN_VALENCE } from './lexicon-en';
import type { LexiconScore } from './lexicon-score';
import { applyModel, compileModel, type CompiledSentimentModel, type LinearSentimentModel } from './linear-model';
import { scoreChinese } from './score-zh';
import { scoreEnglish } from './score-en';

export type SentimentLanguage = 'en' | 'zh';

export interface TextSentiment {
  /** −1..1 */
  readonly score: number;
  /** 0..1: how strongly it is said (strong words, degree words, "!", SHOUTING); arousal evidence. */
  readonly intensity: number;
  readonly language: SentimentLanguage;
  /** Sentiment words and phrases the lexicon found. */
  readonly lexiconHits: number;
}

export interface SentimentOptions {
  /** Share of the lexicon in the English blend when the lexicon found something. */
  readonly lexiconWeight: number;
  readonly model: LinearSentimentModel;
}

export const DEFAULT_SENTIMENT_OPTIONS: SentimentOptions = { lexiconWeight: 0.5, model: SENTIMENT_EN_MODEL };

/** |score| below this reads as neutral when a sign is wanted (chosen on sentiment-en dev). */
export const NEUTRAL_BAND = 0.1;

export function polarity(score: number, band = NEUTRAL_BAND): -1 | 0 | 1 {
  return score > band ? 1 : score < -band ? -1 : 0;
}

const HAN = /\p{Script=Han}/gu;

// Service formulas the lexicon values at 0 ("thank you for holding", "I'd like"): taken out of
// the model's input too, or the model, trained on everyday comments, reads them as joy.
const FORMULAS = new RegExp(
  `(?<![\\p{L}'])(?:${Object.entries(EN_VALENCE)
    .filter(([, v]) => v === 0)
    .map(([k]) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![\\p{L}'])`,
  'giu',
);

/** English text as the model sees it: typographic apostrophes folded, formulas removed. */
export function modelText(text: string): string {
  return text.replace(/’/g, "'").replace(FORMULAS, ' ');
}

/** "zh…" and "en…" tags are trusted; otherwise the script decides (chat has no language tag). */
export function sentimentLanguage(text: string, languageTag = ''): SentimentLanguage {
  const tag = languageTag.toLowerCase();
  if (tag.startsWith('zh')) return 'zh';
  if (tag.startsWith('en')) return 'en';
  const han = text.match(HAN)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters > 0 && han / letters > 0.3 ? 'zh' : 'en';
}

export class SentimentAnalyzer {
  private readonly options: SentimentOptions;
  private readonly model: CompiledSentimentModel;

  constructor(options: Partial<SentimentOptions> = {}) {
    this.options = { ...DEFAULT_SENTIMENT_OPTIONS, ...options };
    this.model = compileModel(this.options.model);
  }

  analyze(text: string, languageTag = ''): TextSentiment {
    const language = sentimentLanguage(text, languageTag);
    if (language === 'zh') {
      const zh = scoreChinese(text);
      return finish(zh, zh.score, language);
    }
    const lexicon = scoreEnglish(text);
    const model = applyModel(this.model, enFeatures(modelText(text)));
    const w = this.options.lexiconWeight;
    const score = lexicon.hits > 0 ? w * lexicon.score + (1 - w) * model.score : model.score;
    return finish(lexicon, score, language);
  }

  /** The English parts on their own, for the evaluation. */
  englishParts(text: string): { readonly model: number; readonly lexicon: LexiconScore } {
    return { model: applyModel(this.model, enFeatures(modelText(text))).score, lexicon: scoreEnglish(text) };
  }
}

function finish(lexicon: LexiconScore, score: number, language: SentimentLanguage): TextSentiment {
  const clamped = Math.max(-1, Math.min(1, score));
  return {
    score: clamped,
    intensity: Math.min(1, 0.7 * Math.abs(clamped) + 0.3 * lexicon.emphasis),
    language,
    lexiconHits: lexicon.hits,
  };
}
