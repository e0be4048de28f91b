// English lexicon scorer: longest-match over the lexicon's words and phrases, degree words
// multiply the next sentiment word, a negator up to three words back in the same clause flips it,
// the clause after "but" outweighs the one before, exclamations and SHOUTING add emphasis.
import { EN_DEGREE, EN_VALENCE } from './lexicon-en';
import { AFTER_CONTRAST, BEFORE_CONTRAST, NEGATION_FACTOR, emphasisOf, exclamationBoost, squash, type LexiconScore } from './lexicon-score';
import { EN_CLAUSE_BREAKS, EN_NEGATORS, tokenizeEn, type EnToken } from './tokenize-en';

const MAX_PHRASE = 4;
// "I don't think this is good": the negator is four words before the sentiment word.
const NEGATION_WINDOW = 4;
const SHOUT_BOOST = 1.3;
/** A degree word reaches a sentiment word at most this many words after it ("so very good"). */
const DEGREE_REACH = 1;

interface Hit {
  value: number;
  /** Index of the clause (split on "but"-like words) it belongs to. */
  contrastClause: number;
}

function longest(tokens: readonly EnToken[], i: number, table: Readonly<Record<string, number>>): { length: number; value: number } | undefined {
  for (let n = Math.min(MAX_PHRASE, tokens.length - i); n >= 1; n--) {
    const slice = tokens.slice(i, i + n);
    if (slice.some((t) => t.kind !== 'word')) continue;
    const key = slice.map((t) => t.text).join(' ');
    if (Object.hasOwn(table, key)) return { length: n, value: table[key]! };
  }
  return undefined;
}

export function scoreEnglish(text: string): LexiconScore {
  const tokens = tokenizeEn(text);
  const hits: Hit[] = [];
  let degree = 1;
  let degreeEnd = -Infinity; // word index just past the last degree word
  let degreeWords = 0;
  let negatedAt = -Infinity; // word index of the last negator in this clause
  let wordIndex = 0;
  let contrastClause = 0;
  let exclamations = 0;
  let shouted = 0;
  const allShouted = tokens.filter((t) => t.kind === 'word').every((t) => t.shouted);

  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.kind !== 'word') {
      if (t.text === '!') exclamations++;
      if (t.kind === 'punct') {
        degree = 1;
        negatedAt = -Infinity;
      }
      i++;
      continue;
    }
    if (EN_CLAUSE_BREAKS.has(t.text)) {
      contrastClause++;
      degree = 1;
      negatedAt = -Infinity;
      i++;
      wordIndex++;
      continue;
    }
    const valence = longest(tokens, i, EN_VALENCE);
    const deg = longest(tokens, i, EN_DEGREE);
    // A degree word wins when it is the longer match or when a sentiment word follows it ("damn
    // good"); otherwise the word stands on its own ("damn!").
    if (deg !== undefined && (valence === undefined || deg.length > valence.length || longest(tokens, i + deg.length, EN_VALENCE) !== undefined)) {
      degree = (wordIndex - degreeEnd <= DEGREE_REACH ? degree : 1) * deg.value;
      degreeWords++;
      i += deg.length;
      wordIndex += deg.length;
      degreeEnd = wordIndex;
      continue;
    }
    if (valence !== undefined) {
      let v = valence.value * (wordIndex - degreeEnd <= DEGREE_REACH ? degree : 1);
      const span = tokens.slice(i, i + valence.length);
      if (!allShouted && span.some((s) => s.shouted)) {
        v *= SHOUT_BOOST;
        shouted++;
      }
      if (wordIndex - negatedAt <= NEGATION_WINDOW) v *= NEGATION_FACTOR;
      if (valence.value !== 0) hits.push({ value: v, contrastClause });
      degree = 1;
      i += valence.length;
      wordIndex += valence.length;
      continue;
    }
    if (EN_NEGATORS.has(t.text)) negatedAt = wordIndex;
    if (t.shouted && !allShouted) shouted++;
    i++;
    wordIndex++;
  }
  if (hits.length === 0) return { score: 0, hits: 0, emphasis: emphasisOf(exclamations, shouted, degreeWords) };
  let sum = 0;
  for (const h of hits) {
    const weight = contrastClause === 0 ? 1 : h.contrastClause === contrastClause ? AFTER_CONTRAST : BEFORE_CONTRAST;
    sum += h.value * weight;
  }
  return { score: squash(exclamationBoost(sum, exclamations)), hits: hits.length, emphasis: emphasisOf(exclamations, shouted, degreeWords) };
}
