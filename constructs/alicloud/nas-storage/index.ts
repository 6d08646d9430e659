export * from './nas-storage';
export * from './validate';
