export * from './network';
export * from './plan';
