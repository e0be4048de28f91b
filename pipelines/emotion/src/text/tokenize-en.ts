// English tokens for both the lexicon scorer and the linear model: lower-cased words (apostrophes
// kept, so "don't" stays one negator), punctuation runs that end clauses, and emoji (chat text).

export type EnTokenKind = 'word' | 'punct' | 'emoji';

export interface EnToken {
  /** Lower-cased, with typographic apostrophes folded to "'". */
  readonly text: string;
  readonly kind: EnTokenKind;
  /** Written in capitals (a shouted word), at least two letters long. */
  readonly shouted: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[!?.,;:]|\p{Extended_Pictographic}/gu;

export function tokenizeEn(text: string): EnToken[] {
  const out: EnToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0];
    const first = raw.codePointAt(0) ?? 0;
    const kind: EnTokenKind = /[!?.,;:]/.test(raw) ? 'punct' : /\p{Extended_Pictographic}/u.test(String.fromCodePoint(first)) ? 'emoji' : 'word';
    const shouted = kind === 'word' && raw.length >= 2 && /\p{Lu}/u.test(raw) && raw === raw.toUpperCase() && /^\p{L}/u.test(raw);
    out.push({ text: raw.toLowerCase().replace(/’/g, "'"), kind, shouted });
  }
  return out;
}

/** Words that negate what follows within their clause. */
export const EN_NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'nowhere', 'cannot', 'without', 'hardly', 'barely',
  "don't", 'dont', "doesn't", 'doesnt', "didn't", 'didnt', "isn't", 'isnt', "wasn't", 'wasnt', "aren't", 'arent',
  "weren't", 'werent', "won't", "can't", 'cant', "couldn't", 'couldnt', "shouldn't", 'shouldnt', "wouldn't", 'wouldnt',
  "haven't", 'havent', "hasn't", 'hasnt', "hadn't", 'hadnt', "ain't", 'aint', "mustn't", "needn't", "n't",
]);

/** Words that end a clause as far as negation and emphasis are concerned. */
export const EN_CLAUSE_BREAKS: ReadonlySet<string> = new Set(['but', 'however', 'although', 'though', 'yet', 'whereas']);
