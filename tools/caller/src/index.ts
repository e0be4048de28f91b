// @switchboard/caller: simulated phone callers for the demo, the end-to-end tests and the
// pipeline benchmark.
export * from './scenario';
export * from './voice';
export * from './phone-line';
export * from './conversational-call';
