// The real-time return path: actions for a live call travel on NATS subject
// `<prefix>sb.call.<conversationId>.control`, encoded as the same Envelope as on Kafka. NATS is
// not a second event log: the durable copy of every action is on Kafka (sb.actions).
import { connect, type NatsConnection, type Subscription as NatsSubscription } from '@nats-io/transport-node';
import type { Envelope } from '@switchboard/contracts';
import { decodeEnvelope, encodeEnvelope } from '../envelope';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { CallControlPlane } from './call-control-plane';

const SUBJECT_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;

export function callControlSubject(conversationId: string, prefix = ''): string {
  // Conversation ids are UUIDs from the gateway; anything else could break subject tokens.
  if (!SUBJECT_TOKEN.test(conversationId)) throw new Error('conversation id is not a valid NATS subject token');
  return `${prefix}sb.call.${conversationId}.control`;
}

export interface ControlSubscription {
  unsubscribe(): void;
}

export class NatsControlPlane implements CallControlPlane {
  private constructor(private readonly nc: NatsConnection, private readonly logger: Logger, private readonly prefix: string) {}

  static async connect(url: string, logger: Logger, opts: { name: string; prefix?: string }): Promise<NatsControlPlane> {
    const servers = url.split(',').map((s) => s.trim().replace(/^nats:\/\//, ''));
    const nc = await connect({ servers, name: opts.name, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    return new NatsControlPlane(nc, logger, opts.prefix ?? '');
  }

  /** Publishes an action envelope to its call; resolves once the server has it (flush). */
  async publishToCall(env: Envelope): Promise<void> {
    this.nc.publish(callControlSubject(env.conversationId, this.prefix), encodeEnvelope(env));
    await this.nc.flush();
  }

  /** The same for an envelope already encoded (a record just published to Kafka). */
  async publishRawToCall(conversationId: string, envelopeBytes: Uint8Array): Promise<void> {
    this.nc.publish(callControlSubject(conversationId, this.prefix), envelopeBytes);
    await this.nc.flush();
  }

  /** Delivers every control envelope for one call to the handler, in order. */
  subscribeToCall(conversationId: string, handler: (env: Envelope) => void): ControlSubscription {
    const sub: NatsSubscription = this.nc.subscribe(callControlSubject(conversationId, this.prefix), {
      callback: (err, msg) => {
        if (err) {
          this.logger.warn('control subscription error', { error: err.message });
          return;
        }
        try {
          handler(decodeEnvelope(msg.data));
        } catch (e) {
          this.logger.warn('control message rejected', { reason: errorMessage(e) });
        }
      },
    });
    return { unsubscribe: () => { sub.unsubscribe(); } };
  }

  /** Resolves once every subscription made so far is registered at the server. */
  async flush(): Promise<void> {
    await this.nc.flush();
  }

  isConnected(): boolean {
    return !this.nc.isClosed();
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
