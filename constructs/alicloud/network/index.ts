export * from './contract';
export * from './network';
export * from './plan';
export * from './nat';
