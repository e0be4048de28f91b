// A knowledge pack's NLU part, as validated from `packs/<name>/nlu.yaml`. Everything specific
// to a business — intents, their examples, slot names and what each slot looks like — lives in
// the pack; the code knows only the slot *types* below.

/** Per pack language (e.g. "en", "zh"), a list. */
export type PerLanguage<T> = Readonly<Record<string, readonly T[]>>;

export interface IntentDefinition {
  readonly name: string;
  readonly description: string;
  readonly examples: PerLanguage<string>;
}

/** A number said digit by digit: order numbers, phone numbers, membership numbers. */
export interface DigitsSlot {
  readonly type: 'digits';
  readonly name: string;
  readonly formats: readonly DigitFormat[];
  /** Words that, said in the same utterance, tell this slot from another with the same digits. */
  readonly cues: PerLanguage<string>;
}

export interface DigitFormat {
  readonly minDigits: number;
  readonly maxDigits: number;
  /** The digits must start with this (e.g. "1" for a mainland mobile number). */
  readonly startsWith: string;
  /** Letters written before the digits in the normalised value, and which callers may say ("SB"). */
  readonly prefix: string;
  /** Languages this format applies to; all when empty. */
  readonly languages: readonly string[];
}

/** Dates and times, normalised to ISO 8601 local time in the pack's time zone. */
export interface DateTimeSlot {
  readonly type: 'date_time';
  readonly name: string;
  /** IANA name, e.g. "Asia/Shanghai". */
  readonly timeZone: string;
}

/** One of a list of known things (device models, plans), by canonical name or alias. */
export interface CatalogueSlot {
  readonly type: 'catalogue';
  readonly name: string;
  readonly entries: readonly CatalogueEntry[];
}

export interface CatalogueEntry {
  /** The normalised slot value. */
  readonly value: string;
  readonly aliases: PerLanguage<string>;
}

export type SlotDefinition = DigitsSlot | DateTimeSlot | CatalogueSlot;
export const SLOT_TYPES = ['digits', 'date_time', 'catalogue'] as const;

export interface NluPack {
  readonly pack: string;
  readonly languages: readonly string[];
  readonly intents: readonly IntentDefinition[];
  /** Things callers say that the pack does not handle (trained as the out-of-scope class). */
  readonly outOfScope: PerLanguage<string>;
  readonly slots: readonly SlotDefinition[];
}
