// @switchboard/pipeline-host: runs any set of the call-pipeline processors (asr, nlu, emotion,
// dialogue, actions) in one process, on Kafka or on the in-memory bus.
export * from './config';
export * from './knowledge-pack';
export * from './hosted-processors';
export * from './start-pipelines';
export * from './host-metrics';
