// Features of the English linear model: word unigrams, with words in a negation scope marked
// ("not good" → "not", "neg_good"), word bigrams (which see "not good" directly), exclamation and
// question marks, emoji. A negation scope runs from a negator to the end of its clause, at most
// NEGATION_SCOPE words.
import { EN_CLAUSE_BREAKS, EN_NEGATORS, tokenizeEn } from './tokenize-en';

export const NEGATION_SCOPE = 3;

/** The distinct features of a text, in first-seen order. */
export function enFeatures(text: string): string[] {
  const out = new Set<string>();
  let scope = 0;
  let previous: string | undefined;
  for (const t of tokenizeEn(text)) {
    if (t.kind === 'punct') {
      if (t.text === '!' || t.text === '?') out.add(t.text);
      scope = 0;
      previous = undefined;
      continue;
    }
    if (t.kind === 'emoji') {
      out.add(t.text);
      continue;
    }
    if (EN_CLAUSE_BREAKS.has(t.text)) scope = 0;
    out.add(scope > 0 ? `neg_${t.text}` : t.text);
    if (previous !== undefined) out.add(`${previous} ${t.text}`);
    previous = t.text;
    if (EN_NEGATORS.has(t.text)) scope = NEGATION_SCOPE;
    else if (scope > 0) scope--;
  }
  return [...out];
}
