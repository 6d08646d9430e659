export * from './kubesphere-cluster';
export * from './scripts';
export * from './install-change';
export * from './kubeconfig-refresh';
export * from './access';
