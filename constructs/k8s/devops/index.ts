export * from './spec';
export * from './jenkinsfile';
export * from './validate';
export * from './devops-project';
export * from './workspace';
export * as tenantv1 from '../imports/tenant.kubesphere.io';
export * as devopsv1alpha3 from './imports/devops.kubesphere.io';
