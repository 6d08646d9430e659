export * from './kubesphere-cluster';
export * from './scripts';
