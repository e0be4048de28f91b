// Whether a phrase occurs in normalised text: on word boundaries for spaced scripts ("order"
// does not match "reorder"), anywhere for Chinese, which has no spaces to bound words.
import { hasHan, normaliseText } from './normalise';

export function containsPhrase(normalisedText: string, phrase: string): boolean {
  const p = normaliseText(phrase);
  if (p === '') return false;
  if (hasHan(p)) return normalisedText.replace(/ /g, '').includes(p.replace(/ /g, ''));
  return ` ${normalisedText} `.includes(` ${p} `);
}

/** The primary subtag of a BCP 47 tag, lower case: "zh-CN" → "zh". */
export function primaryLanguage(tag: string): string {
  return tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
}

/** The text's language when its tag is missing or unknown: Chinese if it has Han characters. */
export function languageOfScript(text: string): string {
  return hasHan(text) ? 'zh' : 'en';
}
