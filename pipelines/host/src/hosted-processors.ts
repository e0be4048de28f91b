// The processors a host runs, built from the pack, the speech recognizer and the connectors it
// was given. Each keeps its own Processor type; the host only needs to start and stop them.
import { createActionsProcessor, type ConnectorRouter } from '@switchboard/actions';
import { createAsrProcessor } from '@switchboard/asr';
import { createDialogueProcessor } from '@switchboard/dialogue';
import { createEmotionProcessor, measureProsody } from '@switchboard/emotion';
import { createNluProcessor } from '@switchboard/nlu';
import { runProcessor, type CoreStats, type Processor, type RunProcessorOptions } from '@switchboard/runtime';
import type { SpeechRecognizer } from '@switchboard/speech';
import type { ProcessorName } from './config';
import type { KnowledgePack } from './knowledge-pack';

export interface HostedProcessor {
  readonly name: ProcessorName;
  /** Keeps per-call state in a checkpoint store (a restarted instance resumes live calls). */
  readonly checkpoints: boolean;
  start(opts: RunProcessorOptions): Promise<StartedProcessor>;
}

export interface StartedProcessor {
  readonly name: ProcessorName;
  readonly stats: CoreStats;
  stop(): Promise<void>;
}

export interface ProcessorDeps {
  /** Needed by asr. */
  readonly recognizer?: SpeechRecognizer;
  /** Needed by nlu and dialogue. */
  readonly pack?: KnowledgePack;
  /** Needed by actions. */
  readonly connectors?: ConnectorRouter;
  /** Needed by asr: the language of calls that name none. */
  readonly defaultLanguage?: string;
  /** The ASR's early recognition at a pause, ms of silence (0 = off; default the ASR's). */
  readonly earlyRecognitionMs?: number;
}

function hosted<S>(name: ProcessorName, processor: Processor<S>): HostedProcessor {
  return {
    name,
    checkpoints: processor.checkpoint !== undefined,
    start: async (opts) => {
      const running = await runProcessor(processor, opts);
      return { name, stats: running.core.stats, stop: () => running.stop() };
    },
  };
}

function need<T>(value: T | undefined, what: string, processor: ProcessorName): T {
  if (value === undefined) throw new Error(`the ${processor} processor needs ${what}`);
  return value;
}

export function buildProcessor(name: ProcessorName, deps: ProcessorDeps): HostedProcessor {
  switch (name) {
    case 'asr':
      return hosted(name, createAsrProcessor({
        recognizer: need(deps.recognizer, 'a speech recognizer', name),
        prosodyOf: (audio) => measureProsody(audio),
        defaultLanguage: deps.defaultLanguage ?? 'en',
        ...(deps.earlyRecognitionMs === undefined ? {} : { earlyRecognitionMs: deps.earlyRecognitionMs }),
      }));
    case 'nlu':
      return hosted(name, createNluProcessor(need(deps.pack, 'the knowledge pack', name).nlu));
    case 'emotion':
      return hosted(name, createEmotionProcessor());
    case 'dialogue':
      return hosted(name, createDialogueProcessor(need(deps.pack, 'the knowledge pack', name).dialogue));
    case 'actions':
      return hosted(name, createActionsProcessor({ connectors: need(deps.connectors, 'its connectors', name) }));
  }
}
