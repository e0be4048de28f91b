// The knowledge pack a host serves: the NLU part (nlu.yaml) and the dialogue part (flows.yaml)
// of one folder, checked against each other so a flow never waits for an intent the NLU cannot
// produce. Both files are data that customer-service staff edit; every problem names its file.
import { join } from 'node:path';
import { loadPackFile as loadDialoguePack, type Pack as DialoguePack } from '@switchboard/dialogue';
import { loadPack as loadNluPack, OUT_OF_SCOPE, type NluPack } from '@switchboard/nlu';
import { SwitchboardError } from '@switchboard/runtime';

export interface KnowledgePack {
  readonly nlu: NluPack;
  readonly dialogue: DialoguePack;
}

export const NLU_FILE = 'nlu.yaml';
export const FLOWS_FILE = 'flows.yaml';

/** Intents the dialogue reacts to that the NLU pack does not define. */
export function unknownIntents(nlu: NluPack, dialogue: DialoguePack): string[] {
  const known = new Set([...nlu.intents.map((i) => i.name), OUT_OF_SCOPE]);
  const { affirmIntent, denyIntent, goodbyeIntent, outOfScopeIntents } = dialogue.settings;
  const used = [...dialogue.routes.keys(), affirmIntent, denyIntent, ...(goodbyeIntent === '' ? [] : [goodbyeIntent]), ...outOfScopeIntents];
  return [...new Set(used)].filter((name) => !known.has(name)).sort();
}

export function loadKnowledgePack(dir: string): KnowledgePack {
  const nlu = loadNluPack(join(dir, NLU_FILE));
  const dialogue = loadDialoguePack(join(dir, FLOWS_FILE));
  const unknown = unknownIntents(nlu, dialogue);
  if (unknown.length > 0) {
    throw new SwitchboardError('CONFIG_INVALID', `invalid knowledge pack ${dir}: ${FLOWS_FILE} uses intents that ${NLU_FILE} does not define: ${unknown.join(', ')}`);
  }
  if (nlu.pack !== dialogue.name) {
    throw new SwitchboardError('CONFIG_INVALID', `invalid knowledge pack ${dir}: ${NLU_FILE} is pack "${nlu.pack}" but ${FLOWS_FILE} is pack "${dialogue.name}"`);
  }
  return { nlu, dialogue };
}
