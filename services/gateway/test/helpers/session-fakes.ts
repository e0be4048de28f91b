// Fakes for unit tests of the call session: a producer whose acknowledgements the test controls,
// a control plane that records subscriptions, a stream port that records what it was told.
import type { Envelope, MediaServerMessage } from '@switchboard/contracts';
import { ControlledProducer, createLogger, settle, topicNames } from '@switchboard/runtime';
import { CallRegistry } from '../../src/call/call-registry';
import { GlobalFlow } from '../../src/call/flow-control';
import type { ControlPort, MediaStreamPort, SessionDeps } from '../../src/call/session-deps';
import type { GatewayConfig } from '../../src/config';
import { ActionRelay } from '../../src/control/action-relay';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics';
import { ToneSynthesizer } from './tone-synthesizer';

export { ControlledProducer, settle };

export class RecordingControl implements ControlPort {
  readonly handlers = new Map<string, (env: Envelope) => void>();
  unsubscribed = 0;

  subscribeToCall(conversationId: string, handler: (env: Envelope) => void): { unsubscribe(): void } {
    this.handlers.set(conversationId, handler);
    return { unsubscribe: () => { this.unsubscribed++; this.handlers.delete(conversationId); } };
  }

  flush(): Promise<void> { return Promise.resolve(); }
}

export class RecordingPort implements MediaStreamPort {
  readonly written: MediaServerMessage[] = [];
  pauses = 0;
  resumes = 0;
  paused = false;
  write(message: MediaServerMessage): void { this.written.push(message); }
  pause(): void { this.pauses++; this.paused = true; }
  resume(): void { this.resumes++; this.paused = false; }
}


export function sessionDeps(over: { maxPendingFrames?: number; maxPendingFramesTotal?: number; audioBatchFrames?: number; maxCalls?: number; startTimeoutMs?: number; mediaTimeoutMs?: number } = {}): SessionDeps & { producer: ControlledProducer; control: RecordingControl } {
  const metrics = new GatewayMetrics();
  const config = { maxCalls: over.maxCalls ?? 10 } as GatewayConfig;
  return {
    settings: { audioBatchFrames: over.audioBatchFrames ?? 5, maxPendingFrames: over.maxPendingFrames ?? 20, tenantAllowlist: null, startTimeoutMs: over.startTimeoutMs ?? 60_000, mediaTimeoutMs: over.mediaTimeoutMs ?? 60_000 },
    producer: new ControlledProducer(),
    control: new RecordingControl(),
    topics: topicNames('unit.'),
    registry: new CallRegistry(config, metrics),
    globalFlow: new GlobalFlow(over.maxPendingFramesTotal ?? 1_000_000, metrics),
    relay: new ActionRelay(new ToneSynthesizer()),
    metrics,
    logger: createLogger('unit', 'error', () => undefined),
  };
}
