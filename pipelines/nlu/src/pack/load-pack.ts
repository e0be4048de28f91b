// Reading a pack file: YAML → validated NluPack. YAML syntax errors are reported by line and
// column with the parser's error code, not its message, which quotes the offending source line.
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { NluPack } from './pack-types';
import { PackInvalidError } from './problems';
import { validatePack } from './validate-pack';

/** Parses and validates pack YAML; `source` names it in errors (a path, or "inline"). */
export function parsePack(yamlText: string, source = 'inline'): NluPack {
  const doc = parseDocument(yamlText, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new PackInvalidError(source, doc.errors.map((e) => {
      const at = e.linePos?.[0];
      return `${at ? `line ${at.line}, column ${at.col}` : 'YAML'}: not valid YAML (${e.code})`;
    }));
  }
  return validatePack(doc.toJS(), source);
}

export function loadPack(path: string): NluPack {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new PackInvalidError(path, [`cannot read the file (${code})`]);
  }
  return parsePack(text, path);
}
