export * from './addresses';
export * from './node-pool';
export * from './spec';
