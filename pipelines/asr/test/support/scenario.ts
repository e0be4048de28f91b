// The standard call of the processor tests: 1 s quiet, 0.8 s voice, 1 s quiet, 1.2 s voice,
// 1 s quiet (250 frames). With sequences from 1 the VAD (see vad.test.ts) cuts
// frames [40, 100) and [130, 210), i.e. sequences [41, 101) and [131, 211):
// 820–2020 ms and 2620–4220 ms of call time.
import { createLogger, type Logger } from '@switchboard/runtime';
import { concat, lineNoise, voiced } from './signals';

export const TWO_UTTERANCES = concat(lineNoise(1000), voiced(800), lineNoise(1000, 40, 8), voiced(1200, 5000, 180), lineNoise(1000, 40, 9));
export const TWO_UTTERANCES_FRAMES = 250;
export const EXPECTED_SPANS = [
  { startMs: 820, endMs: 2020, samples: 60 * 160 },
  { startMs: 2620, endMs: 4220, samples: 80 * 160 },
];
/** Index of the 5-frame chunk in which each utterance's end is detected (sequences 120 and 230). */
export const END_CHUNKS = [23, 45];

export interface CapturedLog {
  readonly logger: Logger;
  readonly lines: string[];
  parsed(): Record<string, unknown>[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    logger: createLogger('asr-test', 'debug', (line) => lines.push(line)),
    lines,
    parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
