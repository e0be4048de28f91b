// The real-time return path as a port: actions reach a live call's media side through it.
// NATS in production (nats-control-plane.ts), in-process for the embedded mode
// (memory-control-plane.ts). The durable copy of every action is on the bus either way.
import type { Envelope } from '@switchboard/contracts';
import type { ControlSubscription } from './nats-control-plane';

export interface CallControlPlane {
  /** Publishes an action envelope to its call. */
  publishToCall(env: Envelope): Promise<void>;
  /**
   * The same for an envelope already encoded (a record just published to the bus). Queued when
   * called, so envelopes of one call published one after another arrive in that order even when
   * the returned promises are awaited together.
   */
  publishRawToCall(conversationId: string, envelopeBytes: Uint8Array): Promise<void>;
  /** Delivers every control envelope for one call to the handler, in order. */
  subscribeToCall(conversationId: string, handler: (env: Envelope) => void): ControlSubscription;
  /** Resolves once every subscription made so far is in effect. */
  flush(): Promise<void>;
  isConnected(): boolean;
  close(): Promise<void>;
}
