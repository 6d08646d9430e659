export * from './cloud-init';
export * from './devtools-host';
export * from './validate';
