export * from './nas-csi-driver';
export * from './plan';
