// Digit-string slots (order numbers, phone numbers): every digit run is matched against the
// formats the pack declares. When one run fits several slots, cue words said in the same
// utterance ("order", "电话") decide; without a cue, every fitting slot is reported, unsure.
import type { Slot } from '@switchboard/contracts';
import type { DigitFormat, DigitsSlot } from '../pack/pack-types';
import { containsPhrase } from '../text/phrases';
import type { DigitRun } from './digit-runs';

// Confidence of a digit slot by the evidence for it.
const CONFIDENCE_SPOKEN_PREFIX = 0.95; // the caller said the prefix: "s b 1 2 3 4 …"
const CONFIDENCE_CUE = 0.85; // a cue word: "my order number is …"
const CONFIDENCE_FORMAT_ONLY = 0.6; // only the length/leading digits fit
const CONFIDENCE_AMBIGUOUS = 0.4; // fits several slots, nothing tells them apart

function fits(format: DigitFormat, run: DigitRun, language: string): boolean {
  return (format.languages.length === 0 || format.languages.includes(language))
    && run.digits.length >= format.minDigits && run.digits.length <= format.maxDigits
    && run.digits.startsWith(format.startsWith);
}

interface Candidate {
  readonly slot: DigitsSlot;
  readonly format: DigitFormat;
  readonly cued: boolean;
  readonly prefixSaid: boolean;
}

export function findDigitSlots(runs: readonly DigitRun[], slots: readonly DigitsSlot[], normalised: string, language: string): Slot[] {
  const found: Slot[] = [];
  for (const run of runs) {
    const candidates: Candidate[] = [];
    for (const slot of slots) {
      // A format whose prefix the caller said beats the others of the same slot.
      const fitting = slot.formats.filter((f) => fits(f, run, language));
      const format = fitting.find((f) => f.prefix !== '' && run.lettersBefore.endsWith(f.prefix.toLowerCase())) ?? fitting[0];
      if (format === undefined) continue;
      const prefixSaid = format.prefix !== '' && run.lettersBefore.endsWith(format.prefix.toLowerCase());
      const cued = (slot.cues[language] ?? []).some((cue) => containsPhrase(normalised, cue));
      candidates.push({ slot, format, cued, prefixSaid });
    }
    const decisive = candidates.filter((c) => c.prefixSaid || c.cued);
    const chosen = decisive.length > 0 ? decisive : candidates;
    for (const c of chosen) {
      const confidence = chosen.length > 1 ? CONFIDENCE_AMBIGUOUS
        : c.prefixSaid ? CONFIDENCE_SPOKEN_PREFIX
        : c.cued ? CONFIDENCE_CUE
        : CONFIDENCE_FORMAT_ONLY;
      found.push({ name: c.slot.name, value: `${c.format.prefix}${run.digits}`, confidence });
    }
  }
  return found;
}
