// Catalogue slots: known names and their aliases, matched on a key where spoken numbers are
// digits and letters and digits are split ("lumen x five" = "Lumen X5" = "lumen x5"). Longer
// aliases win ("lumen x5 pro" is not also "lumen x5"); each stretch of text matches once.
import type { Slot } from '@switchboard/contracts';
import type { CatalogueSlot } from '../pack/pack-types';
import { hasHan, normaliseText, tokenise } from '../text/normalise';
import { numericView } from './numeric-view';

const CONFIDENCE_CATALOGUE = 0.9;

/** The comparison key of a name or a text: digits for number words, letters apart from digits. */
export function catalogueKey(text: string): string {
  const split = numericView(normaliseText(text))
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2');
  // Han characters become tokens of their own, so "我的lumen x5" still has "lumen" as a word.
  return tokenise(split).join(' ');
}

interface Alias {
  readonly key: string;
  readonly value: string;
  /** Han aliases match anywhere in the unspaced text; others on word boundaries. */
  readonly unspaced: boolean;
}

const aliasCache = new WeakMap<CatalogueSlot, readonly Alias[]>();

function aliasesOf(slot: CatalogueSlot): readonly Alias[] {
  let all = aliasCache.get(slot);
  if (all === undefined) {
    const list: Alias[] = [];
    for (const entry of slot.entries) {
      const names = [entry.value, ...Object.values(entry.aliases).flat()];
      for (const name of new Set(names)) {
        const key = catalogueKey(name);
        const unspaced = hasHan(key);
        if (key !== '') list.push({ key: unspaced ? key.replace(/ /g, '') : key, value: entry.value, unspaced });
      }
    }
    all = list.sort((a, b) => b.key.length - a.key.length);
    aliasCache.set(slot, all);
  }
  return all;
}

// Blanks a matched stretch without changing lengths, so positions stay comparable.
const blank = (text: string, at: number, length: number): string => text.slice(0, at) + '\u0000'.repeat(length) + text.slice(at + length);

/** Aliases of every language apply: callers mix languages ("我的 lumen x5 坏了"). In order of mention. */
export function findCatalogueSlots(normalised: string, slot: CatalogueSlot): Slot[] {
  let spaced = ` ${catalogueKey(normalised)} `;
  let unspaced = spaced.replace(/ /g, '');
  const found = new Map<string, number>(); // value → position of its first mention (in `unspaced`)
  for (const alias of aliasesOf(slot)) {
    let at: number;
    if (alias.unspaced) {
      at = unspaced.indexOf(alias.key);
      if (at < 0) continue;
    } else {
      const spacedAt = spaced.indexOf(` ${alias.key} `);
      if (spacedAt < 0) continue;
      spaced = blank(spaced, spacedAt + 1, alias.key.length);
      at = spaced.slice(0, spacedAt).replace(/ /g, '').length;
    }
    const length = alias.key.replace(/ /g, '').length;
    unspaced = blank(unspaced, at, length);
    found.set(alias.value, Math.min(at, found.get(alias.value) ?? Infinity));
  }
  return [...found].sort((a, b) => a[1] - b[1]).map(([value]) => ({ name: slot.name, value, confidence: CONFIDENCE_CATALOGUE }));
}
