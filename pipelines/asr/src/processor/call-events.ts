// What each input does to a call's state. Synchronous: recognitions are started here and
// collected by the processor (asr-processor.ts), which owns awaiting and emitting.
import type { AudioChunk, CallEnded, CallStarted } from '@switchboard/contracts';
import { SwitchboardError, type Logger } from '@switchboard/runtime';
import { decodeChunk } from '../audio/decode-chunk';
import { UtteranceSegmenter, type CutUtterance } from '../audio/segmenter';
import type { ResolvedVadConfig } from '../vad/config';
import { primaryLanguage, type ResolvedAsrOptions } from './options';
import { startRecognition } from './recognitions';
import { admitChunk } from './sequence-cursor';
import type { AsrCallState } from './state';
import { spanOf } from './transcript';

export interface CallScope {
  readonly conversationId: string;
  readonly state: AsrCallState;
  readonly logger: Logger;
  readonly options: ResolvedAsrOptions;
  readonly vadConfigFor: (sampleRateHz: number) => ResolvedVadConfig;
  /** Silent frames after which an open utterance is recognised early (0 = never). */
  readonly earlyFramesFor: (config: ResolvedVadConfig) => number;
}

export function onCallStarted(c: CallScope, started: CallStarted): void {
  const { state, options } = c;
  const language = primaryLanguage(options.languageOf(started));
  state.call.started = true;
  state.call.language = language;
  state.call.languageSource = 'call';
  state.call.recognizable = options.recognizer.languages.has(language);
  if (!state.call.recognizable) {
    // Logged once per call (CallStarted is handled once): the language and engine, no content.
    c.logger.info('call language not recognised by the engine: its audio is ignored, the call takes the text path', {
      conversationId: c.conversationId, language, engine: options.recognizer.name,
    });
    state.live.segmenter = undefined;
    state.live.held = [];
    state.resumeVad = undefined;
    return;
  }
  const held = state.live.held;
  state.live.held = [];
  for (const cut of held) recognize(c, cut, language);
}

export function onAudio(c: CallScope, chunk: AudioChunk): void {
  const { state } = c;
  // Everything that can reject the chunk is checked before the state changes (retries stay clean).
  const decoded = decodeChunk(chunk);
  if (state.sampleRateHz !== undefined && decoded.sampleRateHz !== state.sampleRateHz) {
    throw new SwitchboardError('INVALID_EVENT', `audio chunk at ${decoded.sampleRateHz} Hz in a call at ${state.sampleRateHz} Hz`);
  }
  state.sampleRateHz = decoded.sampleRateHz;
  const admitted = admitChunk(state.cursor, decoded.firstSequence, decoded.frames.length);
  const counts = state.counts;
  counts.duplicateFrames += admitted.duplicate;
  counts.lateFrames += admitted.late;
  counts.missingFrames += admitted.missing;
  counts.framesReceived += decoded.frames.length - admitted.firstNew;
  if (state.call.recognizable) {
    const segmenter = segmenterOf(c, decoded.firstSequence + admitted.firstNew);
    const cuts = segmenter.skip(admitted.missing);
    for (let i = admitted.firstNew; i < decoded.frames.length; i++) {
      cuts.push(...segmenter.push(decoded.frames[i]!));
      const early = segmenter.takeEarly();
      if (early !== undefined) onPause(c, early);
    }
    counts.lostUtterances += segmenter.takeLost();
    for (const cut of cuts) onUtterance(c, cut);
  }
  if (state.awaitFrames !== undefined && counts.framesReceived >= state.awaitFrames) endCall(c);
}

export function onCallEnded(c: CallScope, ended: CallEnded): void {
  const { state } = c;
  // CallEnded travels on the control lane and can overtake the call's last audio chunks. When
  // this instance saw the call from its start, it knows how many frames to expect and ends the
  // call once they are in. Otherwise (restart, rebalance) it cannot count, and ends now.
  if (state.call.started && state.counts.framesReceived < ended.audioFrames) {
    state.awaitFrames = ended.audioFrames;
    return;
  }
  endCall(c);
}

function endCall(c: CallScope): void {
  const { state } = c;
  state.ending = true;
  const segmenter = state.live.segmenter;
  if (segmenter !== undefined) for (const cut of segmenter.flush()) onUtterance(c, cut);
  if (state.live.held.length > 0) assumeDefaultLanguage(c);
}

function segmenterOf(c: CallScope, originFrame: number): UtteranceSegmenter {
  const { state } = c;
  const config = c.vadConfigFor(state.sampleRateHz!);
  if (state.live.segmenter === undefined) {
    // Resuming from a checkpoint keeps the VAD's timing and noise floor; its open utterance is lost.
    state.live.segmenter = new UtteranceSegmenter(config, state.resumeVad ? { vadState: state.resumeVad } : { originFrame }, c.earlyFramesFor(config));
    state.resumeVad = undefined;
  }
  return state.live.segmenter;
}

function onUtterance(c: CallScope, cut: CutUtterance): void {
  const { state } = c;
  state.counts.utterances++;
  if (state.call.language !== undefined) {
    if (state.call.recognizable) recognize(c, cut, state.call.language);
    return;
  }
  // The call's language is not known yet: CallStarted is late (other lane) or was consumed
  // before a restart. Hold a few utterances for it, then stop waiting.
  state.live.held.push(cut);
  if (state.live.held.length > c.options.maxHeldUtterances) assumeDefaultLanguage(c);
}

function assumeDefaultLanguage(c: CallScope): void {
  const { state, options } = c;
  const language = state.call.language ?? options.defaultLanguage;
  if (state.call.language === undefined) {
    state.call.language = language;
    state.call.languageSource = 'default';
    state.call.recognizable = options.recognizer.languages.has(language);
    c.logger.warn('call start not seen: recognising in the default language', { conversationId: c.conversationId, language, engine: options.recognizer.name });
  }
  const held = state.live.held;
  state.live.held = [];
  if (state.call.recognizable) for (const cut of held) recognize(c, cut, language);
}

/** A pause in the open utterance: recognise it as it stands, in case the caller has finished. */
function onPause(c: CallScope, cut: CutUtterance): void {
  const { state } = c;
  const language = state.call.language;
  if (language === undefined || !state.call.recognizable || state.ending) return;
  // At most one in flight per call: a caller who pauses often does not queue up the engine.
  if (state.live.early !== undefined && state.live.early.recognition.outcome === undefined) return;
  const span = spanOf(c.conversationId, cut.startFrame, cut.endFrame);
  // A previous early recognition of this utterance (the caller went on talking) is dropped.
  state.live.early = { startFrame: cut.startFrame, endFrame: cut.endFrame, language, recognition: startRecognition(c.options.recognizer, c.options.prosodyOf, cut, span, language) };
  state.counts.earlyRecognitions++;
}

function recognize(c: CallScope, cut: CutUtterance, language: string): void {
  const { state } = c;
  const early = state.live.early;
  state.live.early = undefined;
  // The same frames in the same language: the early recognition heard exactly this audio.
  if (early !== undefined && early.startFrame === cut.startFrame && early.endFrame === cut.endFrame && early.language === language) {
    state.counts.earlyUsed++;
    state.live.pending.push(early.recognition);
    return;
  }
  const span = spanOf(c.conversationId, cut.startFrame, cut.endFrame);
  state.live.pending.push(startRecognition(c.options.recognizer, c.options.prosodyOf, cut, span, language));
}
