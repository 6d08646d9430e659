export * from './client-cidrs';
export * from './cluster-security';
export * from './matrix';
