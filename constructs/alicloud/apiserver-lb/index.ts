export * from './apiserver-lb';
export * from './plan';
