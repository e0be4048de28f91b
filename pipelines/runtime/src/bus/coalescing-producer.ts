// Sits in front of a lingering Kafka producer and keeps produce requests few and full. The
// lingering producer flushes every linger period whether or not a request is still in flight; with
// kafkajs' one request in flight per broker those flushes queue up as many small requests, and
// latency grows with the queue. Here one send is outstanding at a time; everything arriving
// meanwhile leaves together when it completes (what librdkafka does by itself), capped in bytes so
// that no partition's batch can pass the broker's default message.max.bytes (1 MiB).
//
// One, not more: an idempotent producer numbers each partition's records. When a request fails,
// kafkajs rolls its sequence back; a second request already queued then reuses those numbers,
// and if the broker had in fact written the first one it acknowledges the second as a duplicate
// and drops it. With two sends in flight the bus contract test lost 9 of 1,000 acknowledged
// records in one run of four under load; with one it loses none.
import type { OutboundRecord, Producer } from './port';

const MAX_IN_FLIGHT = 1;
/** Per request: under 1 MiB even if every record hashes to the same partition. */
const MAX_REQUEST_BYTES = 900 * 1024;

interface Pending {
  readonly records: readonly OutboundRecord[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class CoalescingProducer implements Producer {
  private queue: Pending[] = [];
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly inner: Producer) {}

  send(records: readonly OutboundRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const bytes = records.reduce((n, r) => n + r.value.byteLength, 0);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ records, bytes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      // Whole send() calls only (a call's records stay together), at least one per request.
      let n = 0;
      let bytes = 0;
      while (n < this.queue.length && (n === 0 || bytes + this.queue[n]!.bytes <= MAX_REQUEST_BYTES)) bytes += this.queue[n++]!.bytes;
      const batch = this.queue.slice(0, n);
      this.queue = this.queue.slice(n);
      this.inFlight++;
      this.inner.send(batch.flatMap((p) => p.records)).then(
        () => { for (const p of batch) p.resolve(); },
        (err: unknown) => { for (const p of batch) p.reject(err); },
      ).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
      });
    }
  }

  /** Sends what is queued, then closes the inner producer. */
  async close(): Promise<void> {
    if (this.inFlight > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.inner.close();
  }
}
