// The in-process return path for the embedded mode (one process, in-memory bus): the same two
// operations as the NATS control plane, delivered synchronously in publish order. Like NATS core,
// a message for a call nobody subscribes to is dropped: the durable copy is on the bus.
import type { Envelope } from '@switchboard/contracts';
import { decodeEnvelope, encodeEnvelope } from '../envelope';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { CallControlPlane } from './call-control-plane';
import type { ControlSubscription } from './nats-control-plane';

export class MemoryControlPlane implements CallControlPlane {
  private readonly handlers = new Map<string, Set<(env: Envelope) => void>>();

  constructor(private readonly logger: Logger) {}

  publishToCall(env: Envelope): Promise<void> {
    return this.publishRawToCall(env.conversationId, encodeEnvelope(env));
  }

  publishRawToCall(conversationId: string, envelopeBytes: Uint8Array): Promise<void> {
    const handlers = this.handlers.get(conversationId);
    if (handlers === undefined || handlers.size === 0) return Promise.resolve();
    let env: Envelope;
    try {
      env = decodeEnvelope(envelopeBytes);
    } catch (err) {
      this.logger.warn('control message rejected', { reason: errorMessage(err) });
      return Promise.resolve();
    }
    for (const handler of [...handlers]) {
      try {
        handler(env);
      } catch (err) {
        this.logger.warn('control handler failed', { reason: errorMessage(err) });
      }
    }
    return Promise.resolve();
  }

  subscribeToCall(conversationId: string, handler: (env: Envelope) => void): ControlSubscription {
    let set = this.handlers.get(conversationId);
    if (set === undefined) this.handlers.set(conversationId, (set = new Set()));
    set.add(handler);
    return {
      unsubscribe: () => {
        set.delete(handler);
        if (set.size === 0 && this.handlers.get(conversationId) === set) this.handlers.delete(conversationId);
      },
    };
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  isConnected(): boolean {
    return true;
  }

  close(): Promise<void> {
    this.handlers.clear();
    return Promise.resolve();
  }
}
