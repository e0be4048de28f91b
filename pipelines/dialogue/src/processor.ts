// The dialogue processor: the pure engine (`step`) on the runtime's Processor interface. Calls,
// intents, emotions and connector results in; actions out; state checkpointed so a restarted
// instance resumes live calls.
import type { Processor } from '@switchboard/runtime';
import { step } from './engine/step';
import { DIALOGUE_STATE_VERSION, initialDialogueState, restoreDialogueState, type DialogueState } from './engine/state';
import { applyOverrides, type PackOverrides } from './pack/overrides';
import type { Pack } from './pack/types';

export interface DialogueProcessorOptions extends PackOverrides {
  /** Consumer group and `source` of emitted events; default `dialogue`. */
  readonly name?: string;
}

export function createDialogueProcessor(pack: Pack, options: DialogueProcessorOptions = {}): Processor<DialogueState> {
  const effective = applyOverrides(pack, options);
  return {
    name: options.name ?? 'dialogue',
    inputs: ['calls', 'intents', 'emotions', 'actionResults'],
    handles: new Set(['callStarted', 'callEnded', 'intent', 'emotion', 'actionResult']),
    initialState: () => initialDialogueState(),
    handle(event, ctx) {
      // The event's own time, not the clock: a replayed event takes the same decisions.
      const result = step(ctx.state, event, effective, event.occurredAtMs);
      ctx.setState(result.state);
      for (const action of result.actions) ctx.emit('action', action);
      // Notes are codes and pack names only; slot values and prompt texts never reach the log.
      ctx.logger.debug('dialogue step', { conversation: ctx.conversationId, mode: result.state.mode, actions: result.actions.length, notes: result.notes.join(' ') });
      if (event.callEnded) ctx.finish();
    },
    checkpoint: {
      version: DIALOGUE_STATE_VERSION,
      save: (state) => state,
      restore: (saved, version) => {
        if (version !== DIALOGUE_STATE_VERSION) throw new Error(`dialogue checkpoint version ${version} is not ${DIALOGUE_STATE_VERSION}`);
        return restoreDialogueState(saved);
      },
    },
  };
}
