// Call language: a BCP 47 tag reduced to its primary subtag ("zh-CN" → "zh") and kept only
// when the pack has prompts in it.
import type { Pack } from '../pack/types';

export function primaryTag(tag: string): string {
  return tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
}

/** The pack language for a tag, or undefined when the pack does not speak it. */
export function packLanguage(pack: Pack, tag: string): string | undefined {
  const primary = primaryTag(tag);
  return pack.languages.includes(primary) ? primary : undefined;
}
