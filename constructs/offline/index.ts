export * from './evaluate';
export * from './mocks';
export * from './output';
export * from './plan';
export * from './summary';
export * from './synthesize';
export * from './values';
