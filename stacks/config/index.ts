export * from './network';
export * from './parse';
export * from './schema';
export * from './sources';
