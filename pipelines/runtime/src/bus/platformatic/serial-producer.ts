// Producer half of the @platformatic/kafka adapter (platformatic-bus.ts): SerialLingeringProducer keeps
// one idempotent produce request in flight at a time and lingers records into batches; send() resolves
// once the batch is acknowledged (acks=all). Why one request at a time and why a failed send replaces
// the producer: see the comment at the top of platformatic-bus.ts.
import { ProduceAcks, type MessageToProduce, type Producer as PltProducer } from '@platformatic/kafka';
import { SwitchboardError } from '../../errors';
import type { Logger } from '../../logger';
import { partitionForKey } from '../partitioner';
import type { OutboundRecord } from '../port';
import { describeError, forceClose } from './client-support';

function approximateBytes(records: readonly OutboundRecord[]): number {
  let n = 0;
  for (const r of records) {
    n += r.value.byteLength + r.key.length + 24;
    if (r.headers) for (const [k, v] of Object.entries(r.headers)) n += k.length + v.length + 4;
  }
  return n;
}

function toBuffer(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

interface Pending {
  readonly records: readonly OutboundRecord[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Gathers records for up to lingerMs, keeps one produce request in flight (see platformatic-bus.ts) and
 * sends whatever accumulated meanwhile as the next request, so batches grow with the load.
 */
export class SerialLingeringProducer {
  private producer: PltProducer;
  private queue: Pending[] = [];
  private queued = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private closed = false;
  private static readonly MAX_BATCH_RECORDS = 4000;
  private static readonly MAX_BATCH_BYTES = 512 * 1024;

  constructor(
    private readonly factory: () => PltProducer,
    private readonly lingerMs: number,
    private readonly partitions: number,
    private readonly logger: Logger,
  ) {
    this.producer = factory();
  }

  send(records: readonly OutboundRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new SwitchboardError('BUS_UNAVAILABLE', 'producer is closed'));
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      this.queued += records.length;
      if (this.inFlight) return; // sent as the next batch when the current one is acknowledged
      if (this.queued >= SerialLingeringProducer.MAX_BATCH_RECORDS || this.lingerMs <= 0) this.pump();
      else this.timer ??= setTimeout(() => { this.timer = undefined; this.pump(); }, this.lingerMs);
    });
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // Whole sends only (a send resolves as one), up to MAX_BATCH_RECORDS / MAX_BATCH_BYTES unless a
    // single send is bigger: a partition's batch must stay under the broker's max.message.bytes (1 MiB).
    let take = 0;
    let count = 0;
    let bytes = 0;
    while (take < this.queue.length) {
      const records = this.queue[take]!.records;
      const size = approximateBytes(records);
      if (take > 0 && (count + records.length > SerialLingeringProducer.MAX_BATCH_RECORDS || bytes + size > SerialLingeringProducer.MAX_BATCH_BYTES)) break;
      count += records.length;
      bytes += size;
      take++;
    }
    const batch = this.queue.splice(0, take);
    this.queued -= count;
    const messages: MessageToProduce[] = new Array<MessageToProduce>(count);
    let i = 0;
    for (const p of batch) {
      for (const r of p.records) {
        const message: MessageToProduce = {
          topic: r.topic,
          key: Buffer.from(r.key, 'utf8'),
          value: toBuffer(r.value),
          // Kafka's default partitioner, so a key lands where the in-memory bus and Java clients put it.
          partition: partitionForKey(r.key, this.partitions),
        };
        if (r.headers) {
          const headers = new Map<Buffer, Buffer>();
          for (const [k, v] of Object.entries(r.headers)) headers.set(Buffer.from(k, 'utf8'), Buffer.from(v, 'utf8'));
          message.headers = headers;
        }
        messages[i++] = message;
      }
    }
    const producer = this.producer;
    const sent = producer.send({ messages, acks: ProduceAcks.ALL }).then(
      () => { for (const p of batch) p.resolve(); },
      (err: unknown) => {
        for (const p of batch) p.reject(err);
        // The idempotent session may be out of step with the broker now: start a fresh one.
        this.logger.warn('kafka: produce failed, replacing the producer', { error: describeError(err), records: count });
        if (this.producer === producer && !this.closed) {
          this.producer = this.factory();
          void forceClose(producer).catch(() => undefined);
        }
      },
    );
    this.inFlight = sent;
    void sent.finally(() => {
      this.inFlight = undefined;
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Flush everything already accepted, one request at a time.
    while (this.inFlight || this.queue.length > 0) {
      if (!this.inFlight) this.pump();
      await this.inFlight?.catch(() => undefined);
      await Promise.resolve();
    }
    await forceClose(this.producer);
  }
}
