// The text slot finders read: normalised, with spoken numbers (English words and Chinese
// numerals alike — callers switch languages for digits) turned into ASCII digits.
import { chineseNumeric } from './spoken-numbers-zh';
import { englishNumeric } from './spoken-numbers-en';

export function numericView(normalised: string): string {
  return englishNumeric(chineseNumeric(normalised));
}
