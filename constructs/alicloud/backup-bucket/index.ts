export * from './backup-bucket';
export * from './backup-writer';
export * from './documents';
