// The pipelines on the in-memory bus with the real pack, connectors and processors, and a
// scripted (instant) recognizer: what the embedded mode runs, for tests that need no server.
import { join } from 'node:path';
import { buildConnectors, loadActionsConfigFile } from '@switchboard/actions';
import { Codec, type Envelope } from '@switchboard/contracts';
import {
  createLogger, EventLog, MemoryBus, MemoryControlPlane, MemoryStateStore, newEnvelope, encodeEnvelope, topicNames,
  type Payload, type PayloadKind, type Producer, type TopicNames,
} from '@switchboard/runtime';
import { findRepoRoot } from '@switchboard/testkit';
import type { SpeechRecognizer } from '@switchboard/speech';
import { DEFAULT_PACK_DIR, PROCESSOR_NAMES, type ProcessorName } from '../../src/config';
import { loadKnowledgePack } from '../../src/knowledge-pack';
import { startPipelines, type RunningPipelines } from '../../src/start-pipelines';
import { TOPIC_OF_KIND } from '@switchboard/runtime';

export const DEMO_ACTIONS_CONFIG = join(findRepoRoot(), 'pipelines', 'actions', 'config', 'demo.yaml');

export interface MemoryPlatform {
  readonly bus: MemoryBus;
  readonly topics: TopicNames;
  readonly control: MemoryControlPlane;
  readonly log: EventLog;
  readonly pipelines: RunningPipelines;
  readonly stores: Map<ProcessorName, MemoryStateStore>;
  /** Publishes an event as the gateway or a chat channel would. */
  readonly publish: <K extends PayloadKind>(conversationId: string, kind: K, payload: Payload<K>) => Promise<Envelope>;
  stop(): Promise<void>;
}

export async function startMemoryPlatform(recognizer: SpeechRecognizer, processors: readonly ProcessorName[] = PROCESSOR_NAMES): Promise<MemoryPlatform> {
  const logger = createLogger('host-test', 'error');
  const bus = new MemoryBus({ partitions: 3 });
  const topics = topicNames('t.');
  const control = new MemoryControlPlane(logger);
  const stores = new Map<ProcessorName, MemoryStateStore>();
  const connectors = await buildConnectors(loadActionsConfigFile(DEMO_ACTIONS_CONFIG), { logger });
  const log = new EventLog();
  await log.start(bus, topics, 'reader');
  const pipelines = await startPipelines({
    bus, topics, logger, processors, control,
    deps: { recognizer, pack: loadKnowledgePack(DEFAULT_PACK_DIR), connectors: connectors.router, defaultLanguage: 'en' },
    stateStoreFor: (name) => {
      const store = new MemoryStateStore();
      stores.set(name, store);
      return store;
    },
  });
  const producer: Producer = await bus.createProducer();
  return {
    bus, topics, control, log, pipelines, stores,
    publish: async (conversationId, kind, payload) => {
      const env = newEnvelope({ tenantId: 'shop-1', conversationId, source: 'test' }, kind, payload);
      await producer.send([{ topic: topics[TOPIC_OF_KIND[kind]], key: conversationId, value: encodeEnvelope(env) }]);
      return env;
    },
    stop: async () => {
      await pipelines.stop();
      await log.stop();
      await producer.close();
      await connectors.close();
      await bus.close();
    },
  };
}

export function callStartedPayload(callId: string, language: string): Payload<'callStarted'> {
  return { callId, callerNumber: '+15550100', calleeNumber: '+15550199', codec: Codec.CODEC_PCMU, sampleRateHz: 8000, channel: 'test', attributes: { language } };
}

/** A final transcript as a chat channel (or an ASR) would publish it. */
export function transcriptPayload(utteranceId: string, text: string, language: string, startMs = 0): Payload<'transcript'> {
  return { utteranceId, isFinal: true, text, language, confidence: 0.95, startMs, endMs: startMs + 1500, words: [], prosody: undefined };
}
