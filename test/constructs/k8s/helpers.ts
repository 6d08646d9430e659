export * from '../../../constructs/k8s';

/** Matches a thrown ValidationError that names `key` among its issues. */
export function ValidationErrorLike(key: string): RegExp {
  return new RegExp(`^\\s+- ${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm');
}
