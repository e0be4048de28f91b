// @switchboard/asr: voice-activity detection, barge-in detection and the ASR processor.
// The VAD and barge-in detector are pure and codec-agnostic (16-bit PCM frames in), so the
// gateway can use them on live audio as well.
export * from './vad/config';
export * from './vad/features';
export * from './vad/noise-floor';
export * from './vad/classify';
export * from './vad/vad';
export * from './vad/detector';
export * from './vad/barge-in';
export * from './audio/decode-chunk';
export * from './audio/segmenter';
export * from './processor/options';
export * from './processor/state';
export * from './processor/sequence-cursor';
export * from './processor/transcript';
export * from './processor/asr-processor';
