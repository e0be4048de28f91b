// Reads the evaluation sets in /work/shared/data: UTF-8 CSV with a `text,label` header and
// RFC 4180 quoting, one row per line (the staging turned line breaks inside texts into spaces).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingExample } from '../src/classifier/train-classifier';

/** Where the public evaluation data lives; SB_EVAL_DATA_DIR overrides it. */
export function evalDataDir(): string {
  return process.env.SB_EVAL_DATA_DIR ?? '/work/shared/data';
}

/** Splits one CSV line into fields, honouring "quoted, fields" and "" escapes. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else field += ch;
  }
  fields.push(field);
  return fields;
}

export function readLabelledCsv(dataset: string, split: string): TrainingExample[] {
  const path = join(evalDataDir(), dataset, `${split}.csv`);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l !== '');
  const header = lines.shift();
  if (header !== 'text,label') throw new Error(`${path}: expected the header "text,label"`);
  return lines.map((line, i) => {
    const fields = csvFields(line);
    if (fields.length !== 2) throw new Error(`${path}: row ${i + 1} has ${fields.length} fields, expected 2`);
    return { text: fields[0]!, label: fields[1]! };
  });
}
