/**
 * One problem found in user input: which key, what value, and what would have been allowed.
 *
 * Constructs and config parsers collect these instead of throwing on the first one, so a user
 * sees every mistake in a single run.
 */
export interface ValidationIssue {
  /** The user's key or prop path, for example `platform:network.vpcCidr` or `controlPlaneCount`. */
  readonly key: string;
  /** The value that was given (rendered with `JSON.stringify`). */
  readonly value: unknown;
  /** What is allowed, or why the value is wrong, phrased to be read after the value. */
  readonly message: string;
}

/** Thrown when one or more {@link ValidationIssue}s were found. */
export class ValidationError extends Error {
  /** Every problem found, in the order it was found; the message lists the same issues. */
  public readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[], title = 'Invalid input') {
    super(formatIssues(title, issues));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** Renders issues as one message: a title line, then one line per key. */
export function formatIssues(title: string, issues: readonly ValidationIssue[]): string {
  const noun = issues.length === 1 ? 'problem' : 'problems';
  const lines = issues.map((i) => `  - ${i.key}: ${renderValue(i.value)} ${i.message}`);
  return [`${title} (${issues.length} ${noun}):`, ...lines].join('\n');
}

function renderValue(value: unknown): string {
  if (value === undefined) {
    return '(missing)';
  }
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * Collects issues, then throws them all at once.
 *
 * @example
 * const v = new Validator();
 * if (count < 1) v.add('count', count, 'must be at least 1');
 * v.throwIfAny('Invalid NodePool props');
 */
export class Validator {
  private readonly found: ValidationIssue[] = [];

  /**
   * Records one problem.
   * @param key - the user's key or prop path, for example `vswitches[1].cidr`
   * @param value - the value that was given; `undefined` is shown as `(missing)`
   * @param message - what is allowed, phrased to be read after the value (`must be at least 1`)
   */
  public add(key: string, value: unknown, message: string): void {
    this.found.push({ key, value, message });
  }

  /** Adds issues found elsewhere, optionally under a key prefix (`prefix.key`). */
  public addAll(issues: readonly ValidationIssue[], prefix?: string): void {
    for (const issue of issues) {
      this.found.push(prefix ? { ...issue, key: `${prefix}.${issue.key}` } : issue);
    }
  }

  /** The problems recorded so far, for callers that merge them into another `Validator` with {@link addAll}. */
  public get issues(): readonly ValidationIssue[] {
    return this.found;
  }

  /**
   * Throws one {@link ValidationError} listing every recorded problem; does nothing when there is none.
   * @param title - first line of the message, naming what was being checked (`Invalid NodePool props`)
   */
  public throwIfAny(title?: string): void {
    if (this.found.length > 0) {
      throw new ValidationError([...this.found], title);
    }
  }
}

/** The inclusive bounds a number must lie within. */
export interface ValueRange {
  /** The smallest value allowed. */
  readonly min: number;
  /** The largest value allowed. */
  readonly max: number;
}
