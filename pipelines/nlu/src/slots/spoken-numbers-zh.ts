// Chinese numerals → digits, on normalised text. A run of numeral characters with a place
// value (十 百 千 万) is a number: "二十三" → "23", "十一" → "11". A run without one is read digit
// by digit, the way phone and order numbers are spoken: "幺三八" → "138", "一二三" → "123".
// 幺 (yāo) is the spoken "one" in digit strings; 两 is "two" before counters and hours.

import { codePoints } from '../text/normalise';

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 洞: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const PLACES: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const MYRIAD = '万';

// 洞 ("hole", radio-style zero) is a numeral only inside a run of other numerals.
const isNumeral = (ch: string): boolean => ch in DIGITS || ch in PLACES || ch === MYRIAD;

function placeValue(run: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of run) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch in PLACES) {
      section += (digit === 0 ? 1 : digit) * PLACES[ch]!;
      digit = 0;
    } else if (ch === MYRIAD) {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

function convertRun(run: string): string {
  if (codePoints(run).some((ch) => ch in PLACES || ch === MYRIAD)) return String(placeValue(run));
  return codePoints(run).map((ch) => String(DIGITS[ch] ?? '')).join('');
}

/** Normalised Chinese text with numerals as ASCII digits (other characters unchanged). */
export function chineseNumeric(normalised: string): string {
  let out = '';
  let run = '';
  const chars = codePoints(normalised);
  chars.forEach((ch, i) => {
    const standsAlone = ch === '洞' && !(isNumeral(chars[i - 1] ?? '') || isNumeral(chars[i + 1] ?? ''));
    if (isNumeral(ch) && !standsAlone) {
      run += ch;
      return;
    }
    if (run !== '') out += convertRun(run);
    run = '';
    out += ch;
  });
  if (run !== '') out += convertRun(run);
  return out;
}
