export * from './config';
export * from './start-sip-ingress';
export { Call, type CallState } from './call/call';
export { CallRegistry } from './call/call-registry';
