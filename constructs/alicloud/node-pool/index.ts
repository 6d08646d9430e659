export * from './addresses';
export * from './moves';
export * from './node-pool';
export * from './spec';
