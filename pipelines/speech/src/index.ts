export * from './ports';
export * from './audio/g711';
