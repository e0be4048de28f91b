// Every slot the pack defines, found in one utterance, whatever the intent: the dialogue
// decides which it needs. Order: the pack's slot order, then order of mention.
import type { Slot } from '@switchboard/contracts';
import type { DigitsSlot, NluPack } from '../pack/pack-types';
import { normaliseText } from '../text/normalise';
import { languageOfScript, primaryLanguage } from '../text/phrases';
import { findCatalogueSlots } from './catalogue-slot';
import { digitRuns } from './digit-runs';
import { findDateTimeSlot } from './date-time-slot';
import { findDigitSlots } from './digits-slot';
import { numericView } from './numeric-view';

/**
 * Slots in `text` said in `language` (a BCP 47 tag; an unknown one is guessed from the script).
 * Dates and times resolve relative to `referenceTimeMs` in the date slot's time zone.
 */
export function extractSlots(text: string, language: string, pack: NluPack, referenceTimeMs: number): Slot[] {
  const normalised = normaliseText(text);
  if (normalised === '') return [];
  const primary = primaryLanguage(language);
  const lang = pack.languages.includes(primary) ? primary : languageOfScript(normalised);
  const numeric = numericView(normalised);
  const digitSlots = pack.slots.filter((s): s is DigitsSlot => s.type === 'digits');
  const digitFinds = digitSlots.length > 0 ? findDigitSlots(digitRuns(numeric), digitSlots, normalised, lang) : [];
  const out: Slot[] = [];
  for (const slot of pack.slots) {
    switch (slot.type) {
      case 'digits': out.push(...digitFinds.filter((f) => f.name === slot.name)); break;
      case 'date_time': out.push(...findDateTimeSlot(numeric, slot, lang, referenceTimeMs)); break;
      case 'catalogue': out.push(...findCatalogueSlots(normalised, slot)); break;
    }
  }
  return out;
}
