// Chinese lexicon scorer. Without a word segmenter the text is scanned left to right by longest
// match over one merged table (sentiment words, negators, degree words, post-degree words,
// contrast words); unmatched characters just pass. Negators and degree words wait for the next
// sentiment word, but not across punctuation nor more than MAX_GAP unmatched characters.
import { AFTER_CONTRAST, BEFORE_CONTRAST, NEGATION_FACTOR, emphasisOf, exclamationBoost, squash, type LexiconScore } from './lexicon-score';
import { ZH_CONTRAST, ZH_DEGREE, ZH_NEGATORS, ZH_POST_DEGREE, ZH_VALENCE } from './lexicon-zh';

const MAX_GAP = 2;

interface Entry {
  valence?: number;
  negator?: boolean;
  degree?: number;
  postDegree?: number;
  contrast?: boolean;
}

const TABLE = new Map<string, Entry>();
const entry = (key: string): Entry => {
  let e = TABLE.get(key);
  if (e === undefined) TABLE.set(key, (e = {}));
  return e;
};
for (const [k, v] of Object.entries(ZH_VALENCE)) entry(k).valence = v;
for (const k of ZH_NEGATORS) entry(k).negator = true;
for (const [k, v] of Object.entries(ZH_DEGREE)) entry(k).degree = v;
for (const [k, v] of Object.entries(ZH_POST_DEGREE)) entry(k).postDegree = v;
for (const k of ZH_CONTRAST) entry(k).contrast = true;
const MAX_KEY = Math.max(...[...TABLE.keys()].map((k) => k.length));

const CLAUSE_END = /[，。！？；、,.!?;:：\s…~～]/;
// "A不A" asks a question (好不好, 能不能, 满意不满意): neither a negation nor an opinion.
const A_NOT_A = /(\p{Script=Han}{1,2})不\1/gu;

function matchAt(text: string, i: number): { key: string; entry: Entry } | undefined {
  for (let n = Math.min(MAX_KEY, text.length - i); n >= 1; n--) {
    const key = text.slice(i, i + n);
    const e = TABLE.get(key);
    if (e !== undefined) return { key, entry: e };
  }
  return undefined;
}

export function scoreChinese(input: string): LexiconScore {
  const text = input.replace(A_NOT_A, ' ');
  const hits: { value: number; contrastClause: number }[] = [];
  let negated = false;
  let degree = 1;
  let gap = 0;
  let lastHitEnd = -1;
  let contrastClause = 0;
  let exclamations = 0;
  let degreeWords = 0;
  const reset = (): void => {
    negated = false;
    degree = 1;
    gap = 0;
  };

  for (let i = 0; i < text.length; ) {
    const ch = text[i]!;
    if (CLAUSE_END.test(ch)) {
      if (ch === '！' || ch === '!') exclamations++;
      reset();
      i++;
      continue;
    }
    const m = matchAt(text, i);
    if (m === undefined) {
      if (++gap > MAX_GAP) reset();
      i++;
      continue;
    }
    const { key, entry: e } = m;
    const end = i + key.length;
    const last = hits.at(-1);
    if (e.postDegree !== undefined && lastHitEnd === i && last !== undefined) {
      last.value *= e.postDegree;
      degreeWords++;
      lastHitEnd = end;
    } else if (e.contrast === true) {
      contrastClause++;
      reset();
    } else if (e.negator === true) {
      negated = !negated;
      gap = 0;
    } else if (e.degree !== undefined && (e.valence === undefined || (matchAt(text, end)?.entry.valence ?? 0) !== 0)) {
      degree *= e.degree;
      degreeWords++;
      gap = 0;
    } else if (e.valence !== undefined) {
      if (e.valence !== 0) {
        hits.push({ value: e.valence * degree * (negated ? NEGATION_FACTOR : 1), contrastClause });
        lastHitEnd = end;
      }
      reset();
    }
    i = end;
  }
  const emphasis = emphasisOf(exclamations, 0, degreeWords);
  if (hits.length === 0) return { score: 0, hits: 0, emphasis };
  let sum = 0;
  for (const h of hits) sum += h.value * (contrastClause === 0 ? 1 : h.contrastClause === contrastClause ? AFTER_CONTRAST : BEFORE_CONTRAST);
  return { score: squash(exclamationBoost(sum, exclamations)), hits: hits.length, emphasis };
}
