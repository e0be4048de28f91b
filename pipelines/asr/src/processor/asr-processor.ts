// The ASR processor: call audio (sb.audio) and call lifecycle (sb.calls) in, final transcripts
// (sb.transcripts) out. Per call: VAD cuts utterances from the audio, each is recognised in the
// call's language, the transcript carries call-time offsets, word timings and (optionally)
// prosody. Transcript text is PII: it is emitted, never logged.
import type { Envelope } from '@switchboard/contracts';
import type { Processor, ProcessorContext } from '@switchboard/runtime';
import { resolveVadConfig, type ResolvedVadConfig } from '../vad/config';
import { FRAME_MS } from '../audio/decode-chunk';
import { onAudio, onCallEnded, onCallStarted, type CallScope } from './call-events';
import { ConversationGuard } from './conversation-guard';
import { resolveAsrOptions, type AsrProcessorOptions } from './options';
import { takeSettled } from './recognitions';
import { initialAsrState, type AsrCallState, type AsrCounts } from './state';

export interface AsrProcessor extends Processor<AsrCallState> {
  /** Calls with live state in this instance. */
  readonly liveCalls: () => number;
}

export function createAsrProcessor(options: AsrProcessorOptions): AsrProcessor {
  const opts = resolveAsrOptions(options);
  // Checked once up front so a bad VAD setting fails at start-up, not on the first call.
  const checked = resolveVadConfig({ ...opts.vad, sampleRateHz: 8000, frameMs: FRAME_MS });
  earlyFramesOf(opts.earlyRecognitionMs, checked);
  const vadConfigs = new Map<number, ResolvedVadConfig>();
  const vadConfigFor = (sampleRateHz: number): ResolvedVadConfig => {
    let c = vadConfigs.get(sampleRateHz);
    if (c === undefined) vadConfigs.set(sampleRateHz, (c = resolveVadConfig({ ...opts.vad, sampleRateHz, frameMs: FRAME_MS })));
    return c;
  };
  const guard = new ConversationGuard<AsrCallState>(opts.endedCallsRemembered);

  async function handleInOrder(event: Envelope, ctx: ProcessorContext<AsrCallState>): Promise<void> {
    const conversationId = ctx.conversationId;
    if (guard.isEnded(conversationId)) {
      // A record of a call already ended here (audio that lost the race with CallEnded, or a
      // redelivery): nothing to do, and no state may be left behind for it.
      ctx.finish();
      return;
    }
    const state = guard.adopt(ctx);
    const scope: CallScope = { conversationId, state, logger: ctx.logger, options: opts, vadConfigFor, earlyFramesFor: (c) => earlyFramesOf(opts.earlyRecognitionMs, c) };
    if (event.callStarted) onCallStarted(scope, event.callStarted);
    else if (event.audio) onAudio(scope, event.audio);
    else if (event.callEnded) onCallEnded(scope, event.callEnded);

    const all = state.ending || opts.recognition === 'inline';
    for (const r of await takeSettled(state.live.pending, all, opts.maxPendingPerCall)) {
      const outcome = r.outcome!;
      if (outcome.kind === 'transcript') {
        state.counts.transcripts++;
        ctx.emit('transcript', outcome.transcript);
        if (outcome.prosodyError !== undefined) ctx.logger.warn('prosody failed; transcript sent without it', { conversationId, utteranceId: r.span.utteranceId, error: outcome.prosodyError });
      } else if (outcome.kind === 'empty') {
        state.counts.emptyResults++;
      } else {
        state.counts.failedRecognitions++;
        // The utterance is dropped: retrying the whole audio event would not bring its audio back.
        ctx.logger.warn('recognition failed; utterance dropped', { conversationId, utteranceId: r.span.utteranceId, engine: opts.recognizer.name, language: r.language, error: outcome.error });
      }
    }

    if (state.ending) {
      ctx.logger.info('call transcribed', { conversationId, engine: opts.recognizer.name, language: state.call.language, ...countFields(state.counts) });
      guard.end(conversationId);
      ctx.finish();
    }
  }

  return {
    name: opts.name,
    inputs: ['audio', 'calls'],
    handles: new Set(['callStarted', 'audio', 'callEnded']),
    initialState: () => initialAsrState(),
    // Not async: the guard's own promise goes back to the runtime (see conversation-guard.ts).
    handle: (event, ctx) => guard.serialize(ctx.conversationId, () => handleInOrder(event, ctx)),
    liveCalls: () => guard.liveConversations,
  };
}

/** The early-recognition silence in frames (0 = off), or an error naming the setting. */
function earlyFramesOf(earlyMs: number, c: ResolvedVadConfig): number {
  if (earlyMs === 0) return 0;
  if (!(Number.isFinite(earlyMs) && earlyMs >= c.hangoverMs && earlyMs < c.endOfUtteranceSilenceMs)) {
    throw new Error(`earlyRecognitionMs must be 0 or lie between vad.hangoverMs (${c.hangoverMs}) and vad.endOfUtteranceSilenceMs (${c.endOfUtteranceSilenceMs}, exclusive)`);
  }
  return Math.ceil(earlyMs / c.frameMs);
}

/** Counters for a log line, under names the logger's PII filter does not mistake for content. */
function countFields(c: AsrCounts): Record<string, number> {
  const { transcripts, ...rest } = c;
  return { ...rest, recognised: transcripts };
}
