export * from './versions';
export * from './types';
export * from './defaults';
export * from './validate';
export { HAPROXY_WITH_ADDRESS_MESSAGE } from './validate-hosts';
export * from './cluster';
export * from './cluster-configuration';
export * from './render';
export * from './changes';
