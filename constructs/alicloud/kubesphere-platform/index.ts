export * from './kubesphere-platform';
