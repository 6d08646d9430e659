export * from './spec';
export * from './jenkinsfile';
export * from './validate';
export * from './devops-project';
export * as devopsv1alpha3 from './imports/devops.kubesphere.io';
