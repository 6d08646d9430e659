export * from './nas-storage';
export * from './validate';
export * from './names';
