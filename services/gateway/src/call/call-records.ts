// Builds the Kafka records of one call: the runtime's envelope (source "gateway", the call's
// tenant and conversation), key = conversation id, topic chosen by payload kind (TOPIC_OF_KIND).
import { encodeEnvelope, EVENT_TYPE_HEADER, newEnvelope, TOPIC_OF_KIND, type OutboundRecord, type Payload, type PayloadKind, type TopicNames } from '@switchboard/runtime';

export const GATEWAY_SOURCE = 'gateway';

export class CallRecords {
  private readonly headers = new Map<PayloadKind, Readonly<Record<string, string>>>();

  constructor(
    private readonly topics: TopicNames,
    private readonly tenantId: string,
    readonly conversationId: string,
  ) {}

  record<K extends PayloadKind>(kind: K, payload: Payload<K>, occurredAtMs = Date.now()): OutboundRecord {
    const env = newEnvelope({ tenantId: this.tenantId, conversationId: this.conversationId, source: GATEWAY_SOURCE, occurredAtMs }, kind, payload);
    return this.encoded(kind, encodeEnvelope(env));
  }

  /** The record of an envelope of this call already encoded (audio: audio-record.ts). */
  encoded(kind: PayloadKind, value: Uint8Array): OutboundRecord {
    return { topic: this.topics[TOPIC_OF_KIND[kind]], key: this.conversationId, value, headers: this.headerOf(kind) };
  }

  private headerOf(kind: PayloadKind): Readonly<Record<string, string>> {
    let h = this.headers.get(kind);
    if (!h) this.headers.set(kind, (h = { [EVENT_TYPE_HEADER]: kind }));
    return h;
  }
}
