// The pack's utterances as classifier training rows: every intent's examples in every language,
// plus the out-of-scope examples as a class of their own.
import { OUT_OF_SCOPE } from '../classifier/intent-classifier';
import { trainClassifier, type TrainingExample, type TrainingOptions } from '../classifier/train-classifier';
import type { IntentClassifier } from '../classifier/intent-classifier';
import type { NluPack } from './pack-types';

export function packExamples(pack: NluPack): TrainingExample[] {
  const rows: TrainingExample[] = [];
  for (const intent of pack.intents) {
    for (const texts of Object.values(intent.examples)) for (const text of texts) rows.push({ text, label: intent.name });
  }
  for (const texts of Object.values(pack.outOfScope)) for (const text of texts) rows.push({ text, label: OUT_OF_SCOPE });
  return rows;
}

export function trainPackClassifier(pack: NluPack, opts?: TrainingOptions): IntentClassifier {
  return trainClassifier(packExamples(pack), opts);
}
