export * from './cluster';
export * from './program';
export * from './shared';
export * from './shared-outputs';
export * from './shared-reference';
