import { ValidationError } from '../../constructs/core/validation';

/** Runs `fn`, which must throw a {@link ValidationError}, and returns its issues as `[key, message]`. */
export function issuesOf(fn: () => unknown): Array<[string, string]> {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) {
      return err.issues.map((i) => [i.key, i.message]);
    }
    throw err;
  }
  throw new Error('expected a ValidationError');
}
