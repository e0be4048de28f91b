// The public evaluation sets (see /work/shared/data/INDEX.md), read from SWITCHBOARD_DATA_DIR
// (default /work/shared/data). sentiment-en is GoEmotions (Apache-2.0) mapped to Ekman-7;
// sentiment-zh has NO licence: it is read for internal evaluation only, never for training.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingExample } from '../src/text/train';

export const DATA_DIR = process.env.SWITCHBOARD_DATA_DIR ?? '/work/shared/data';

export interface Row {
  readonly text: string;
  readonly label: string;
}

/** RFC-4180 CSV with a `text,label` header, one record per line (the staged files guarantee it). */
export function readCsv(path: string): Row[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const rows: Row[] = [];
  for (const line of lines.slice(1)) {
    const fields = parseCsvLine(line);
    if (fields.length !== 2) throw new Error(`${path}: expected 2 fields, got ${fields.length}`);
    rows.push({ text: fields[0]!, label: fields[1]! });
  }
  return rows;
}

export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quoted field');
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      i++; // the comma (or past the end)
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/** Ekman-7 → sentiment class: joy positive; anger, disgust, fear, sadness negative; neutral and surprise neutral. */
const EKMAN_CLASS: Readonly<Record<string, 0 | 1 | 2>> = {
  joy: 2,
  anger: 0,
  disgust: 0,
  fear: 0,
  sadness: 0,
  neutral: 1,
  surprise: 1,
};

export function loadSentimentEn(split: 'train' | 'dev' | 'test'): TrainingExample[] {
  return readCsv(join(DATA_DIR, 'sentiment-en', `${split}.csv`)).map((r) => {
    const label = EKMAN_CLASS[r.label];
    if (label === undefined) throw new Error(`sentiment-en/${split}: unknown label ${r.label}`);
    return { text: r.text, label };
  });
}

/** Evaluation only (no licence). Labels: 0 negative, 2 positive. */
export function loadSentimentZhForEvaluation(split: 'dev' | 'test'): TrainingExample[] {
  return readCsv(join(DATA_DIR, 'sentiment-zh', `${split}.csv`)).map((r) => {
    if (r.label !== 'positive' && r.label !== 'negative') throw new Error(`sentiment-zh/${split}: unknown label ${r.label}`);
    return { text: r.text, label: r.label === 'positive' ? 2 : 0 };
  });
}
