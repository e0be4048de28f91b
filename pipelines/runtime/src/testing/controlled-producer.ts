// A Producer whose acknowledgements a unit test controls: acknowledges at once until hold(), then
// every send waits for ackNext() / failNext(). For unit tests of logic on the Producer port
// (back-pressure, coalescing, ordering); anything touching Kafka uses the real broker.
import type { Envelope } from '@switchboard/contracts';
import type { OutboundRecord, Producer } from '../bus/port';
import { decodeEnvelope } from '../envelope';

interface HeldSend {
  readonly records: readonly OutboundRecord[];
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/** Acknowledges at once until `hold()`; then sends wait for `ackNext()` / `failNext()`. */
export class ControlledProducer implements Producer {
  readonly sent: Array<{ records: readonly OutboundRecord[]; ackedAtStep: number | undefined }> = [];
  private readonly held: HeldSend[] = [];
  private holding = false;
  private step = 0;

  hold(): void { this.holding = true; }

  get heldCount(): number { return this.held.length; }

  send(records: readonly OutboundRecord[]): Promise<void> {
    const entry = { records, ackedAtStep: undefined as number | undefined };
    this.sent.push(entry);
    if (!this.holding) {
      entry.ackedAtStep = ++this.step;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      this.held.push({ records, resolve: () => { entry.ackedAtStep = ++this.step; resolve(); }, reject });
    });
  }

  /** Acknowledges the oldest held send; resolves after the session has reacted. */
  async ackNext(): Promise<void> {
    const h = this.held.shift();
    if (!h) throw new Error('no send is waiting');
    h.resolve();
    await settle();
  }

  async failNext(err: Error): Promise<void> {
    const h = this.held.shift();
    if (!h) throw new Error('no send is waiting');
    h.reject(err);
    await settle();
  }

  release(): void {
    this.holding = false;
    for (const h of this.held.splice(0)) h.resolve();
  }

  /** Every record sent, decoded, in send order. */
  envelopes(): Envelope[] {
    return this.sent.flatMap((s) => s.records.map((r) => decodeEnvelope(r.value)));
  }

  close(): Promise<void> { return Promise.resolve(); }
}

/** Lets promise callbacks (acks → session reactions) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
