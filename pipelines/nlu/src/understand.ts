// One utterance → the Intent event payload: the classifier's decision, the top alternatives
// and every slot the pack defines.
import type { Intent } from '@switchboard/contracts';
import type { IntentClassifier } from './classifier/intent-classifier';
import type { TrainingOptions } from './classifier/train-classifier';
import { trainPackClassifier } from './pack/pack-examples';
import type { NluPack } from './pack/pack-types';
import { extractSlots } from './slots/extract-slots';

export const ALTERNATIVES = 3;

/** A pack with its trained classifier. */
export interface NluModel {
  readonly pack: NluPack;
  readonly classifier: IntentClassifier;
}

export function buildNluModel(pack: NluPack, training?: TrainingOptions): NluModel {
  return { pack, classifier: trainPackClassifier(pack, training) };
}

export interface Utterance {
  readonly utteranceId: string;
  readonly text: string;
  /** BCP 47, passed through to the Intent. */
  readonly language: string;
}

export function understand(model: NluModel, utterance: Utterance, referenceTimeMs: number): Intent {
  const decision = model.classifier.classify(utterance.text);
  return {
    utteranceId: utterance.utteranceId,
    name: decision.name,
    confidence: decision.confidence,
    outOfScope: decision.outOfScope,
    language: utterance.language,
    slots: extractSlots(utterance.text, utterance.language, model.pack, referenceTimeMs),
    alternatives: decision.ranked.filter((r) => r.name !== decision.name).slice(0, ALTERNATIVES).map((r) => ({ name: r.name, confidence: r.confidence })),
  };
}
