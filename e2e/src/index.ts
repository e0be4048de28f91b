export * from './platform';
export * from './conversations';
