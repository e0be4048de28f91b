// Per-call state of the ASR processor. Two parts with different lifetimes:
// - the plain part (call facts, sequence cursor, counters, the VAD state): a few hundred bytes of
//   JSON, what a checkpoint keeps (`checkpointAsrState` / `restoreAsrState`);
// - `live`: the audio of the open utterance and look-back ring, utterances waiting for the call's
//   language, and recognitions in flight. Never serialised: a restart loses the utterance that
//   was open (see segmenter.ts) and recognitions not yet emitted, nothing else.
// The runtime keeps no checkpoints yet, so today a restart starts calls from `initialAsrState`.
import type { CutUtterance, UtteranceSegmenter } from '../audio/segmenter';
import type { VadState } from '../vad/vad';
import type { SequenceCursor } from './sequence-cursor';
import type { PendingRecognition } from './recognitions';

export interface AsrCounts {
  /** Distinct frames received. */
  framesReceived: number;
  /** Frames received again (redelivery, overlapping chunks): ignored. */
  duplicateFrames: number;
  /** Frames arriving after their place was already passed as a gap: ignored. */
  lateFrames: number;
  /** Frames never received (sequence gaps), treated as silence. */
  missingFrames: number;
  utterances: number;
  transcripts: number;
  /** Recognitions that returned no text: nothing emitted. */
  emptyResults: number;
  failedRecognitions: number;
  /** Open utterances lost with a restart. */
  lostUtterances: number;
  /** Recognitions started early, at a pause (see segmenter.ts), and those of them used. */
  earlyRecognitions: number;
  earlyUsed: number;
}

export interface CallFacts {
  /** CallStarted seen (it travels on another lane and may come after the first audio). */
  started: boolean;
  /** Primary language tag the call is recognised in; undefined until known. */
  language: string | undefined;
  /** 'call': from CallStarted; 'default': assumed because CallStarted never came. */
  languageSource: 'call' | 'default' | undefined;
  /** The recognizer covers the language (false: the call takes the text path, audio is ignored). */
  recognizable: boolean;
}

export interface AsrCheckpoint {
  readonly call: CallFacts;
  readonly cursor: SequenceCursor;
  readonly counts: AsrCounts;
  /** Rate of the audio the VAD was set up for, and the VAD state. */
  readonly sampleRateHz: number | undefined;
  readonly vad: VadState | undefined;
  /** CallEnded seen: the call is over once this many frames were received. */
  readonly awaitFrames: number | undefined;
}

export interface LiveAudio {
  segmenter: UtteranceSegmenter | undefined;
  /** Utterances cut before the call's language was known. */
  held: CutUtterance[];
  /** In utterance order; emitted from the front as they settle. */
  pending: PendingRecognition[];
  /** A recognition started at a pause of the open utterance; used if the utterance ends there. */
  early: EarlyRecognition | undefined;
}

export interface EarlyRecognition {
  readonly startFrame: number;
  readonly endFrame: number;
  readonly language: string;
  readonly recognition: PendingRecognition;
}

export interface AsrCallState {
  call: CallFacts;
  cursor: SequenceCursor;
  counts: AsrCounts;
  sampleRateHz: number | undefined;
  awaitFrames: number | undefined;
  /** The call is over: pending recognitions are awaited and the state is dropped. */
  ending: boolean;
  /** VAD state to resume from when `live` was rebuilt from a checkpoint. */
  resumeVad: VadState | undefined;
  readonly live: LiveAudio;
}

const zeroCounts = (): AsrCounts => ({ framesReceived: 0, duplicateFrames: 0, lateFrames: 0, missingFrames: 0, utterances: 0, transcripts: 0, emptyResults: 0, failedRecognitions: 0, lostUtterances: 0, earlyRecognitions: 0, earlyUsed: 0 });

export function initialAsrState(): AsrCallState {
  return {
    call: { started: false, language: undefined, languageSource: undefined, recognizable: true },
    cursor: { nextSequence: undefined, gapFrom: 0, gapTo: 0 },
    counts: zeroCounts(),
    sampleRateHz: undefined,
    awaitFrames: undefined,
    ending: false,
    resumeVad: undefined,
    live: { segmenter: undefined, held: [], pending: [], early: undefined },
  };
}

/** The plain-JSON part of a call's state. */
export function checkpointAsrState(s: AsrCallState): AsrCheckpoint {
  return { call: { ...s.call }, cursor: { ...s.cursor }, counts: { ...s.counts }, sampleRateHz: s.sampleRateHz, vad: s.live.segmenter?.vadState ?? s.resumeVad, awaitFrames: s.awaitFrames };
}

/** A state resumed from a checkpoint: no audio, so an utterance open at the checkpoint is lost. */
export function restoreAsrState(c: AsrCheckpoint): AsrCallState {
  return {
    call: { ...c.call },
    cursor: { ...c.cursor },
    // Counters added since the checkpoint was written start at zero.
    counts: { ...zeroCounts(), ...c.counts },
    sampleRateHz: c.sampleRateHz,
    awaitFrames: c.awaitFrames,
    ending: false,
    resumeVad: c.vad,
    live: { segmenter: undefined, held: [], pending: [], early: undefined },
  };
}
