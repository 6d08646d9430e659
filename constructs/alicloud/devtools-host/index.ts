export * from './cloud-init';
export * from './devtools-host';
export * from './validate';
export * from './private-dns';
