// `{name}` placeholders in prompt texts, lookup parameters and ticket fields. Parsed once when
// the pack loads, so a stray brace is a load error rather than a garbled sentence on a call.
import type { Template, TemplatePart } from './types';

const NAME = /^[a-z][a-z0-9_]*$/;

export type ParsedTemplate = { readonly parts: Template; readonly vars: readonly string[] } | { readonly error: string };

export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  const vars: string[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '}') return { error: `"}" at character ${i + 1} closes no placeholder` };
    if (ch !== '{') {
      lit += ch;
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 1);
    const name = close < 0 ? '' : text.slice(i + 1, close);
    if (close < 0 || !NAME.test(name)) {
      return { error: `"{" at character ${i + 1} does not start a placeholder like {order_number}` };
    }
    if (lit !== '') parts.push({ lit });
    lit = '';
    parts.push({ var: name });
    if (!vars.includes(name)) vars.push(name);
    i = close + 1;
  }
  if (lit !== '') parts.push({ lit });
  return { parts, vars };
}

export interface Rendered {
  readonly text: string;
  /** Placeholders that had no value (rendered empty). */
  readonly missing: readonly string[];
}

/** Fills placeholders; the result holds slot values and connector outputs, so it is PII. */
export function renderTemplate(parts: Template, valueOf: (name: string) => string | undefined): Rendered {
  let text = '';
  const missing: string[] = [];
  for (const part of parts) {
    if ('lit' in part) {
      text += part.lit;
      continue;
    }
    const value = valueOf(part.var);
    if (value === undefined) missing.push(part.var);
    else text += value;
  }
  return { text, missing };
}
