// One normal form for everything the NLU compares: ASR output, chat text and the pack's own
// examples and aliases all pass through here, so "Where's my order?" and "wheres my order"
// meet. Punctuation carries little for spoken input and ASR engines disagree on it.

const APOSTROPHES = /['’‘`´]/g;
// Everything that is not a letter, a digit or a combining mark becomes a word break.
const NON_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** NFKC (full-width digits and letters become ASCII), lower case, punctuation to spaces. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    // "don't" → "dont", "o'clock" → "oclock": ASR engines write both forms.
    .replace(APOSTROPHES, '')
    .replace(NON_WORD, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;

export function isHan(char: string): boolean {
  return HAN.test(char);
}

/** Whether a text holds any Han character. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** A text's characters by code point (Array.from, not split(''), keeps astral characters whole). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/**
 * Tokens of normalised text: whitespace-separated words, with every Han character a token of
 * its own (Chinese needs no segmenter for n-gram features: character n-grams carry the words).
 */
export function tokenise(normalised: string): string[] {
  const tokens: string[] = [];
  for (const word of normalised.split(' ')) {
    if (word === '') continue;
    let latin = '';
    for (const char of word) {
      if (isHan(char)) {
        if (latin !== '') tokens.push(latin);
        latin = '';
        tokens.push(char);
      } else {
        latin += char;
      }
    }
    if (latin !== '') tokens.push(latin);
  }
  return tokens;
}
