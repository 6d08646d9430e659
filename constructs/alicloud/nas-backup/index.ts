export * from './nas-backup';
