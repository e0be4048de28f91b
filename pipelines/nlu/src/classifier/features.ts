// Text → feature strings. Two groups, weighted and normalised separately (like a union of a
// word and a character TF-IDF): word uni/bi-grams carry phrasing, character n-grams carry
// spelling variants and ASR slips. A Han character is a token of its own, so for Chinese the
// word n-grams are character uni/bi-grams and the trigram group adds character trigrams.
import { isHan, normaliseText, tokenise } from '../text/normalise';

export const FEATURE_GROUPS = 2;
export const WORD_GROUP = 0;
export const CHAR_GROUP = 1;

export interface FeatureOptions {
  /** Character n-gram lengths inside Latin words (with word-boundary marks). */
  readonly charMin: number;
  readonly charMax: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 2, charMax: 5 };

// Numbers vary without changing intent ("2 weeks", "3 weeks"): every digit looks alike.
const DIGIT = /\d/g;

/** Feature strings of one text, by group (repeats kept: they are term counts). */
export function featureStrings(text: string, opts: FeatureOptions = DEFAULT_FEATURE_OPTIONS): [string[], string[]] {
  const tokens = tokenise(normaliseText(text).replace(DIGIT, '0'));
  const words: string[] = [];
  const chars: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    words.push(`w ${token}`);
    const next = tokens[i + 1];
    if (next !== undefined) words.push(`b ${token} ${next}`);
    if (isHan(token)) {
      const third = tokens[i + 2];
      if (next !== undefined && third !== undefined && isHan(next) && isHan(third)) chars.push(`t ${token}${next}${third}`);
      continue;
    }
    const marked = ` ${token} `;
    for (let n = opts.charMin; n <= opts.charMax; n++) {
      for (let s = 0; s + n <= marked.length; s++) chars.push(`c ${marked.slice(s, s + n)}`);
    }
  }
  return [words, chars];
}
