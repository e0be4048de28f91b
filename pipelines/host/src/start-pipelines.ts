// Runs the chosen processors on one bus: each on its own consumer group, the checkpointing ones
// (emotion, dialogue) with a state store, the dialogue's actions relayed to live calls through
// the control plane once the log has them.
import { SwitchboardError, type Bus, type CallControlPlane, type Logger, type StateStore, type TopicNames } from '@switchboard/runtime';
import type { ProcessorName } from './config';
import { buildProcessor, type ProcessorDeps, type StartedProcessor } from './hosted-processors';

export interface StartPipelinesOptions {
  readonly bus: Bus;
  readonly topics: TopicNames;
  readonly logger: Logger;
  readonly processors: readonly ProcessorName[];
  readonly deps: ProcessorDeps;
  /** Required when the dialogue runs. */
  readonly control?: CallControlPlane;
  /** A store per checkpointing processor (a compacted Kafka topic in production). */
  readonly stateStoreFor: (processor: ProcessorName) => StateStore;
  /** Consumer group of a processor; default `sb.<name>`. Tests give each run its own. */
  readonly groupIdFor?: (processor: ProcessorName) => string;
  readonly concurrency?: number;
  /** The bus gave up on a consumer after its own retries: the process should exit. */
  readonly onFatal?: (processor: ProcessorName, err: Error) => void;
}

export interface RunningPipelines {
  readonly processors: readonly StartedProcessor[];
  /** Stops consuming (in-flight batches finish and commit), in pipeline order. */
  stop(): Promise<void>;
}

export async function startPipelines(opts: StartPipelinesOptions): Promise<RunningPipelines> {
  if (opts.processors.includes('dialogue') && opts.control === undefined) {
    throw new SwitchboardError('FAILED_PRECONDITION', 'the dialogue processor needs the call control plane');
  }
  // Built before any is started: a missing dependency fails the start with nothing running.
  const hosted = opts.processors.map((name) => buildProcessor(name, opts.deps));
  const started: StartedProcessor[] = [];
  const stop = async (): Promise<void> => {
    for (const p of started.splice(0)) await p.stop();
  };
  try {
    for (const p of hosted) {
      started.push(await p.start({
        bus: opts.bus,
        topics: opts.topics,
        logger: opts.logger.child({ processor: p.name }),
        ...(opts.groupIdFor ? { groupId: opts.groupIdFor(p.name) } : {}),
        ...(opts.concurrency === undefined ? {} : { concurrency: opts.concurrency }),
        ...(p.checkpoints ? { stateStore: opts.stateStoreFor(p.name) } : {}),
        ...(p.name === 'dialogue' && opts.control ? { callControl: opts.control } : {}),
        ...(opts.onFatal ? { onFatal: (err: Error) => { opts.onFatal?.(p.name, err); } } : {}),
      }));
    }
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  opts.logger.info('pipelines running', { processors: started.map((p) => p.name).join(',') });
  return { processors: started, stop };
}
