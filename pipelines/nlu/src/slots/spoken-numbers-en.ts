// English number words → digits, on normalised text: "one two three" → "1 2 3", "twenty five"
// → "25", "double five" → "55", "three oh five" → "3 05", "twenty fifth" → "25th". Callers read
// order and phone numbers digit by digit, in pairs ("nineteen eighty four") or with "double";
// every form becomes digit tokens that the digit-run finder simply concatenates.

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const ORDINAL_UNITS: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
};
const ORDINAL_TEENS: Readonly<Record<string, number>> = {
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
};
const ORDINAL_TENS: Readonly<Record<string, number>> = { twentieth: 20, thirtieth: 30 };
const REPEAT: Readonly<Record<string, number>> = { double: 2, triple: 3 };
// "oh" and "o" are zero only next to other digits ("three oh five"), never "oh no".
const ZERO_LETTERS = new Set(['oh', 'o']);
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

const word = (tokens: readonly string[], i: number): string => tokens[i] ?? '';

function unitAt(tokens: readonly string[], i: number): number | undefined {
  const t = word(tokens, i);
  if (t in UNITS) return UNITS[t];
  return /^\d$/.test(t) ? Number(t) : undefined;
}

function isDigitWord(tokens: readonly string[], i: number): boolean {
  const t = word(tokens, i);
  return t in UNITS || t in TEENS || t in TENS || /^\d+$/.test(t);
}

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}

interface Parsed { readonly text: string; readonly next: number }

/** A cardinal below 100 at i ("seven", "twelve", "forty two"), or an ordinal ("twenty fifth"). */
function belowHundred(tokens: readonly string[], i: number): { value: number; ordinal: boolean; next: number } | undefined {
  const t = word(tokens, i);
  if (t in TENS) {
    const u = word(tokens, i + 1);
    if (u in UNITS && u !== 'zero') return { value: TENS[t]! + UNITS[u]!, ordinal: false, next: i + 2 };
    if (u in ORDINAL_UNITS) return { value: TENS[t]! + ORDINAL_UNITS[u]!, ordinal: true, next: i + 2 };
    return { value: TENS[t]!, ordinal: false, next: i + 1 };
  }
  if (t in TEENS) return { value: TEENS[t]!, ordinal: false, next: i + 1 };
  if (t in UNITS) return { value: UNITS[t]!, ordinal: false, next: i + 1 };
  if (t in ORDINAL_TEENS) return { value: ORDINAL_TEENS[t]!, ordinal: true, next: i + 1 };
  if (t in ORDINAL_TENS) return { value: ORDINAL_TENS[t]!, ordinal: true, next: i + 1 };
  if (t in ORDINAL_UNITS) {
    // "second" is a unit of time far more often than a date: only "the second", "may second".
    const before = word(tokens, i - 1);
    if (t === 'second' && before !== 'the' && !MONTHS.has(before)) return undefined;
    return { value: ORDINAL_UNITS[t]!, ordinal: true, next: i + 1 };
  }
  return undefined;
}

/** A number word group at i: "double five", "oh five", "three hundred and two", "two thousand". */
function numberAt(tokens: readonly string[], i: number): Parsed | undefined {
  const t = word(tokens, i);
  if (t in REPEAT) {
    const u = unitAt(tokens, i + 1);
    return u === undefined ? undefined : { text: String(u).repeat(REPEAT[t]!), next: i + 2 };
  }
  if (ZERO_LETTERS.has(t)) {
    const u = unitAt(tokens, i + 1);
    if (u !== undefined) return { text: `0${u}`, next: i + 2 };
    return isDigitWord(tokens, i - 1) ? { text: '0', next: i + 1 } : undefined;
  }
  const head = belowHundred(tokens, i);
  if (head === undefined) return undefined;
  if (head.ordinal) return { text: `${head.value}${ordinalSuffix(head.value)}`, next: head.next };
  let value = head.value;
  let next = head.next;
  for (const [scale, factor] of [['hundred', 100], ['thousand', 1000]] as const) {
    if (word(tokens, next) !== scale || value === 0) continue;
    value *= factor;
    next++;
    const saidAnd = word(tokens, next) === 'and';
    const tail = belowHundred(tokens, saidAnd ? next + 1 : next);
    // "eight hundred five five five" is a phone number read 800-555: a bare unit after
    // "hundred" is the next digit, unless joined by "and" ("three hundred and five").
    if (tail !== undefined && !tail.ordinal && (saidAnd || tail.value >= 10)) {
      value += tail.value;
      next = tail.next;
    }
  }
  return { text: String(value), next };
}

/** Normalised English text with number words as digits (other words unchanged). */
export function englishNumeric(normalised: string): string {
  const tokens = normalised.split(' ').filter((t) => t !== '');
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const parsed = numberAt(tokens, i);
    if (parsed === undefined) {
      out.push(tokens[i]!);
      i++;
    } else {
      out.push(parsed.text);
      i = parsed.next;
    }
  }
  return out.join(' ');
}
