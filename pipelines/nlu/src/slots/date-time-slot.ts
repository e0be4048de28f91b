// Date/time slots: the language's grammar finds the phrase, the resolver turns it into an ISO
// local date or date-time relative to the reference instant (the utterance's own time, so a
// replayed event resolves exactly as it did live).
import type { Slot } from '@switchboard/contracts';
import type { DateTimeSlot } from '../pack/pack-types';
import { chineseDateTime } from './date-time-zh';
import { englishDateTime } from './date-time-en';
import { resolveDateTime, type DateTimeMention } from './date-time-mention';

const GRAMMARS: Readonly<Record<string, (numeric: string) => DateTimeMention | undefined>> = {
  en: englishDateTime,
  zh: chineseDateTime,
};

const CONFIDENCE_DATE_TIME = 0.9;
// An hour without am/pm or a part of the day was guessed (see date-time-mention.ts).
const CONFIDENCE_GUESSED_HALF_DAY = 0.7;

/** Languages with a date/time grammar. */
export const DATE_TIME_LANGUAGES: readonly string[] = Object.keys(GRAMMARS);

export function findDateTimeSlot(numeric: string, slot: DateTimeSlot, language: string, referenceTimeMs: number): Slot[] {
  const grammar = GRAMMARS[language];
  const mention = grammar?.(numeric);
  if (mention === undefined) return [];
  const value = resolveDateTime(mention, referenceTimeMs, slot.timeZone);
  if (value === undefined) return [];
  const hour = mention.time?.hour;
  const guessed = hour !== undefined && hour >= 1 && hour <= 12 && mention.time?.period === undefined;
  return [{ name: slot.name, value, confidence: guessed ? CONFIDENCE_GUESSED_HALF_DAY : CONFIDENCE_DATE_TIME }];
}
