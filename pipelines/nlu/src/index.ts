// @switchboard/nlu: intents and slots from the knowledge pack, for final transcripts.
export * from './pack/pack-types';
export { loadPack, parsePack } from './pack/load-pack';
export { validatePack, MIN_EXAMPLES_PER_LANGUAGE, MIN_OUT_OF_SCOPE_PER_LANGUAGE, PACK_VERSION } from './pack/validate-pack';
export { PackInvalidError } from './pack/problems';
export { packExamples, trainPackClassifier } from './pack/pack-examples';
export { trainClassifier, type TrainingExample, type TrainingOptions } from './classifier/train-classifier';
export { IntentClassifier, OUT_OF_SCOPE, type Classification, type RankedIntent, type CalibrationReport, type Calibration } from './classifier/intent-classifier';
export { expectedCalibrationError, fitTemperature } from './classifier/calibration';
export { extractSlots } from './slots/extract-slots';
export { buildNluModel, understand, type NluModel, type Utterance } from './understand';
export { createNluProcessor, NLU_PROCESSOR_NAME, type NluProcessor, type NluProcessorOptions } from './processor/nlu-processor';
