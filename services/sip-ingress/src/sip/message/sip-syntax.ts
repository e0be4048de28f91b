// Character classes and small scanners of the RFC 3261 §25 grammar, on strings that hold one
// byte per character (header sections are decoded as latin1, so every byte survives a round trip
// and a response can echo Via/From/To/Call-ID/CSeq byte for byte).

const TOKEN_EXTRA = "-.!%*_+`'~";
const tokenTable = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || TOKEN_EXTRA.includes(ch)) tokenTable[c] = 1;
}

/** RFC 3261 `token` character. */
export function isTokenChar(code: number): boolean {
  return code < 128 && tokenTable[code] === 1;
}

export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isTokenChar(s.charCodeAt(i))) return false;
  return true;
}

/** SP or HTAB (line folding is undone before anything else reads a header). */
export function isWsp(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

export function skipWsp(s: string, i: number): number {
  while (i < s.length && isWsp(s.charCodeAt(i))) i++;
  return i;
}

/**
 * The index just past the quoted-string starting at `start` (which must be '"'), honouring
 * quoted-pairs; -1 when the closing quote is missing.
 */
export function endOfQuoted(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) i++; // quoted-pair: the next byte is literal, even '"'
    else if (c === 0x22) return i + 1;
  }
  return -1;
}

/** Digits only, with leading zeros allowed (`0009`); undefined when not all digits or above max. */
export function parseBoundedInt(s: string, max: number): number | undefined {
  if (s.length === 0 || s.length > 20) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    n = n * 10 + d;
  }
  return n <= max ? n : undefined;
}

/**
 * Splits `s` at `sep` characters that are outside quoted strings and angle brackets. Returns
 * undefined for an unterminated quote or unbalanced '<' '>'.
 */
export function splitOutside(s: string, sep: number): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      const end = endOfQuoted(s, i);
      if (end < 0) return undefined;
      i = end - 1;
    } else if (c === 0x3c) {
      depth++;
    } else if (c === 0x3e) {
      if (--depth < 0) return undefined;
    } else if (c === sep && depth === 0) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(s.slice(from));
  return parts;
}
