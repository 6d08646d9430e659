export * from './oss-bucket';
export * from './private-bucket';
