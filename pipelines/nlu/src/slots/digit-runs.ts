// Runs of digits in the numeric view: "1 3 8 1234 5678" is one run "13812345678" (callers pause
// between groups, ASR puts spaces there), and the letters said just before it ("s b", "sb").

export interface DigitRun {
  readonly digits: string;
  /** Latin letters spoken immediately before the digits ("s b 1 2" → "sb"), lower case. */
  readonly lettersBefore: string;
}

const RUN = /\d+(?: \d+)*/g;

function lettersBefore(before: string): string {
  const tokens = before.trimEnd().split(' ');
  let letters = '';
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    const tail = /[a-z]+$/.exec(token)?.[0] ?? '';
    letters = tail + letters;
    // A token glued to other characters ("单号是sb") ends the letters; so does a long word.
    if (tail !== token || tail.length > 1) break;
  }
  return letters;
}

export function digitRuns(numeric: string): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const match of numeric.matchAll(RUN)) {
    runs.push({ digits: match[0].replace(/ /g, ''), lettersBefore: lettersBefore(numeric.slice(0, match.index)) });
  }
  return runs;
}
