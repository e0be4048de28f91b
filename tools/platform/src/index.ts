// @switchboard/platform: the whole platform in one process, for the main command, the
// end-to-end tests and the pipeline benchmark.
export * from './speech-stack';
export * from './platform';
export * from './host-process';
