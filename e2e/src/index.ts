export * from './platform';
export * from './conversations';
export * from './host-process';
