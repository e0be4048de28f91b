// What a call session needs from the rest of the gateway, as narrow ports so the session logic
// can be unit-tested with a fake producer and control plane.
import type { Envelope, MediaServerMessage } from '@switchboard/contracts';
import type { ControlSubscription, Logger, Producer, TopicNames } from '@switchboard/runtime';
import type { ActionRelay } from '../control/action-relay';
import type { GatewayMetrics } from '../metrics/gateway-metrics';
import type { CallRegistry } from './call-registry';
import type { ReadGate } from './flow-control';
import type { GlobalFlow } from './flow-control';

/** The return path: per-call control subjects (NatsControlPlane in production). */
export interface ControlPort {
  subscribeToCall(conversationId: string, handler: (env: Envelope) => void): ControlSubscription;
  /** Resolves once earlier subscriptions are registered at the server. */
  flush(): Promise<void>;
}

/** The media stream as the session sees it: messages down, and a gate on the read side. */
export interface MediaStreamPort extends ReadGate {
  write(message: MediaServerMessage): void;
}

export interface SessionSettings {
  readonly audioBatchFrames: number;
  readonly maxPendingFrames: number;
  readonly tenantAllowlist: ReadonlySet<string> | null;
  /** A stream that sends no start message within this long is refused. */
  readonly startTimeoutMs: number;
  /** A live call whose media side sends nothing for this long ends with MEDIA_TIMEOUT. */
  readonly mediaTimeoutMs: number;
}

export interface SessionDeps {
  readonly settings: SessionSettings;
  readonly producer: Producer;
  readonly control: ControlPort;
  readonly topics: TopicNames;
  readonly registry: CallRegistry;
  readonly globalFlow: GlobalFlow;
  readonly relay: ActionRelay;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
}
