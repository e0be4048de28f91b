// @switchboard/emotion: prosody measurement (called by the ASR on every utterance), lexical
// sentiment (EN model + lexicon, ZH lexicon), the caller's voice baseline, fusion, and the
// emotion processor.
export * from './prosody/options';
export * from './prosody/measure';
export * from './text/sentiment';
export * from './text/lexicon-score';
export * from './text/linear-model';
export * from './baseline/baseline';
export * from './baseline/arousal';
export * from './fusion/fusion';
export * from './processor/emotion-processor';
