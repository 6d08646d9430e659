export * from './node-role';
export * from './policy';
