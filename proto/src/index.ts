// The generated contracts, re-exported under one import path: '@switchboard/contracts'.
export * from './generated/switchboard/v1/common';
export * from './generated/switchboard/v1/calls';
export * from './generated/switchboard/v1/understanding';
export * from './generated/switchboard/v1/actions';
export * from './generated/switchboard/v1/envelope';
export * from './generated/switchboard/v1/media';
export * from './generated/switchboard/v1/dead_letter';
export * from './generated/switchboard/v1/speech';
export { PROTO_ROOT, MEDIA_PROTO_FILE } from './paths';
