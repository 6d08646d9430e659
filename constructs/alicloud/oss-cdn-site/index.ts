export * from './documents';
export * from './oss-cdn-site';
export * from './validate';
