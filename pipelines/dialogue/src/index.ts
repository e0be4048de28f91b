// @switchboard/dialogue: a declarative dialogue engine driven by knowledge packs (YAML), and
// the processor that runs it on the event bus.
export { loadPack, loadPackFile } from './pack/load-pack';
export { PackError } from './pack/pack-error';
export { applyOverrides, type PackOverrides } from './pack/overrides';
export { parseTemplate, renderTemplate, type ParsedTemplate, type Rendered } from './pack/template';
export type * from './pack/types';
export { step, type StepResult } from './engine/step';
export {
  DIALOGUE_MODES, DIALOGUE_STATE_VERSION, initialDialogueState, restoreDialogueState,
  type DialogueMode, type DialogueState, type Mood,
} from './engine/state';
export { createDialogueProcessor, type DialogueProcessorOptions } from './processor';
