// @switchboard/actions: connectors that execute dialogue actions, and the processor that runs them.
export * from './kinds';
export * from './connector';
export * from './routing';
export * from './processor';
export * from './webhook/webhook-connector';
export * from './webhook/retry';
export * from './webhook/response';
export * from './store/journal';
export * from './store/records';
export * from './store/builtin-store';
export * from './store/identity';
export * from './store/orders';
export * from './config/file-config';
export * from './config/secret';
export * from './config/env-config';
export * from './config/build';
