// The publishing side of one live call: records built for its conversation, audio batched,
// everything through the call's ordered outbox, acknowledgements feeding the metrics and the
// call's back-pressure. The session decides what to publish; this decides how.
import { randomUUID } from 'node:crypto';
import type { OutboundRecord } from '@switchboard/runtime';
import { AudioBatcher } from './audio-batcher';
import { AudioRecordWriter } from './audio-record';
import { CallOutbox } from './call-outbox';
import { CallRecords, GATEWAY_SOURCE } from './call-records';
import { CallFlow, type ReadGate } from './flow-control';
import type { SessionDeps } from './session-deps';
import type { CallSpec } from './validation';

export class CallPipeline {
  readonly records: CallRecords;
  private readonly flow: CallFlow;
  private readonly outbox: CallOutbox;
  private readonly batcher: AudioBatcher;

  constructor(
    private readonly deps: SessionDeps,
    readonly spec: CallSpec,
    gate: ReadGate,
    /** A send failed after the producer's retries; `frames` accepted frames are lost. */
    onPublishFailed: (err: Error, frames: number) => void,
  ) {
    const { metrics } = deps;
    this.records = new CallRecords(deps.topics, spec.tenantId, randomUUID());
    this.flow = new CallFlow(deps.globalFlow, deps.settings.maxPendingFrames, gate, metrics);
    this.outbox = new CallOutbox(deps.producer, {
      onAcked: (frames, queuedAtMs, nowMs) => {
        if (frames > 0) metrics.framesPublished.inc(frames);
        for (const at of queuedAtMs) metrics.publishLatencyMs.observe(nowMs - at);
        this.flow.settled(frames);
      },
      onFailed: (err, frames) => {
        metrics.framesDropped.inc(frames);
        this.flow.settled(frames);
        onPublishFailed(err, frames);
      },
    });
    const batchFrames = deps.settings.audioBatchFrames;
    const writer = new AudioRecordWriter({ tenantId: spec.tenantId, conversationId: this.records.conversationId, source: GATEWAY_SOURCE }, spec.format, batchFrames);
    this.batcher = new AudioBatcher(writer, batchFrames, (batch) => {
      this.outbox.push(this.records.encoded('audio', batch.value), batch.frameCount);
    });
  }

  get conversationId(): string {
    return this.records.conversationId;
  }

  /** One validated frame: counted as pending from now until Kafka acknowledges its batch. */
  addFrame(sequence: number, payload: Uint8Array): void {
    this.flow.queued(1);
    this.batcher.add(sequence, payload);
  }

  /** Publishes the open audio batch now (before a DTMF, at the end). */
  flushAudio(): void {
    this.batcher.flush();
  }

  /** A lifecycle or DTMF record, in order behind everything before it. */
  push(record: OutboundRecord): void {
    this.outbox.push(record);
  }

  /** Resolves once everything pushed so far is acknowledged; rejects if a send failed. */
  acknowledged(): Promise<void> {
    return this.outbox.idle();
  }

  /**
   * The last record of the call, sent only after everything before it is acknowledged. After a
   * failed send it gets one attempt of its own (the outbox refuses further records).
   */
  async publishLast(build: () => OutboundRecord): Promise<void> {
    try {
      await this.outbox.idle();
    } catch {
      // Lost frames are already counted as dropped.
    }
    // Built only now, so its duration covers the wait.
    const record = build();
    if (this.outbox.failed) {
      await this.deps.producer.send([record]);
      return;
    }
    this.outbox.push(record);
    await this.outbox.idle();
  }

  /** The call is over: back-pressure no longer applies to it. */
  close(): void {
    this.flow.close();
  }
}
