// Where a caller's turn spends its time, from the events the pipeline published (their
// occurred-at times: each is set when its processor emitted it) and the phone line's own record
// of when the bot's audio began. All on one machine, one clock (epoch ms).
import type { EventLog, LoggedEvent } from '@switchboard/runtime';
import type { CallRecord } from './callers';

export interface TurnTiming {
  /** End of utterance (the ASR emitted the transcript) → first reply audio on the stream. */
  readonly totalMs: number;
  /** transcript → intent: the bus hop plus the NLU. */
  readonly nluMs: number;
  /** intent → the dialogue's first action (for an answer that needs a connector: its lookup). */
  readonly dialogueMs: number;
  /** lookup → result → the spoken answer: bus hops, the actions processor and the dialogue again (0 when none). */
  readonly actionMs: number;
  /** spoken action → its first audio chunk on the caller's stream: NATS, gateway, synthesis, playback. */
  readonly controlMs: number;
}

/** The timing of the turn whose transcript is the n-th (0-based) of the call, if it completed. */
export function turnTiming(events: EventLog, call: CallRecord, n: number): TurnTiming | undefined {
  const all = events.events(call.conversationId);
  const transcript = all.filter((e) => e.kind === 'transcript')[n];
  if (transcript === undefined) return undefined;
  const utterance = transcript.envelope.transcript!.utteranceId;
  const after = (from: LoggedEvent, match: (e: LoggedEvent) => boolean): LoggedEvent | undefined =>
    all.find((e) => e.envelope.occurredAtMs >= from.envelope.occurredAtMs && match(e));
  const intent = after(transcript, (e) => e.envelope.intent?.utteranceId === utterance);
  if (intent === undefined) return undefined;
  const first = after(intent, (e) => e.kind === 'action');
  if (first === undefined) return undefined;
  const spoken = first.envelope.action?.lookup !== undefined
    ? after(first, (e) => e.envelope.action?.say !== undefined || e.envelope.action?.ask !== undefined)
    : first;
  if (spoken === undefined) return undefined;
  const audio = call.botAudio.find((a) => a.actionId === spoken.envelope.action!.actionId);
  if (audio === undefined) return undefined;
  const t = (e: LoggedEvent): number => e.envelope.occurredAtMs;
  const audioAt = audio.atEpochMs;
  return {
    totalMs: audioAt - t(transcript),
    nluMs: t(intent) - t(transcript),
    dialogueMs: t(first) - t(intent),
    actionMs: t(spoken) - t(first),
    controlMs: audioAt - t(spoken),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
