// The NLU processor: final transcripts in, one intent event per utterance out. Stateless: each
// utterance is understood on its own (context across turns is the dialogue's business). The
// classifier is trained from the pack when the processor is created, in well under a second.
import type { Processor } from '@switchboard/runtime';
import type { TrainingOptions } from '../classifier/train-classifier';
import type { NluPack } from '../pack/pack-types';
import { buildNluModel, understand, type NluModel } from '../understand';

export const NLU_PROCESSOR_NAME = 'nlu';

export interface NluProcessorOptions {
  readonly training?: TrainingOptions;
}

export type NluProcessor = Processor & { readonly model: NluModel };

export function createNluProcessor(pack: NluPack, opts: NluProcessorOptions = {}): NluProcessor {
  const model = buildNluModel(pack, opts.training);
  return {
    name: NLU_PROCESSOR_NAME,
    inputs: ['transcripts'],
    handles: new Set(['transcript']),
    model,
    initialState: () => undefined,
    handle(event, ctx) {
      const transcript = event.transcript;
      // Partials change while the caller speaks; acting on them would answer half a sentence.
      if (transcript === undefined || !transcript.isFinal) return;
      // The event's own time, not the clock: a replayed transcript resolves "tomorrow" as it did live.
      ctx.emit('intent', understand(model, transcript, event.occurredAtMs));
      ctx.logger.debug('intent emitted', { utteranceId: transcript.utteranceId });
    },
  };
}
