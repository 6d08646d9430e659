/**
 * `pr-<n>` stacks: a pull request's services in their own namespace (`pr-<n>`) on the test cluster.
 * No `Pulumi.pr-<n>.yaml` is needed: the catalogue comes from `Pulumi.test.yaml`, and the stack
 * itself holds at most `platform:preview` and the `platform:secrets` its services name
 * ({@link PREVIEW_STACK}). Which secrets those are is decided by the preview's charts
 * (`stacks/preview.ts`), which check them after this.
 */
import { ValidationError } from '../../constructs/core';
import type { RawConfig } from './sources';
import { ClusterSpec, ConfigError, parseStackConfig, stackKind } from './parse';
import { IssueSink, SecretValue } from './schema';
import { PREVIEW_BASE_STACK, PREVIEW_STACK } from './stack-schema';
import type { ServiceSpec } from './workloads';

export { PREVIEW_BASE_STACK };

/** Comma-separated service names CI passes when `platform:preview.services` is not set. */
export const PREVIEW_SERVICES_ENV = 'PREVIEW_SERVICES';

export interface PreviewSpec {
  readonly kind: 'preview';
  readonly project: string;
  readonly stack: string;
  readonly prNumber: number;
  /** `pr-<n>`. */
  readonly namespace: string;
  /** Fully qualified name of the test stack, for the StackReference. */
  readonly testStack: string;
  /** The test stack's spec (its secrets are placeholders: a preview never decrypts them). */
  readonly test: ClusterSpec;
  /** The catalogue services this preview deploys, in catalogue order. */
  readonly services: readonly ServiceSpec[];
  /** `platform:secrets` of the preview stack itself (CI sets them from its variables). */
  readonly secrets: Readonly<Record<string, SecretValue>>;
  /**
   * Names under `platform:secrets` the preview's Secrets need but the stack does not hold; empty unless
   * parsed with `missingSecrets: 'placeholder'` (otherwise a missing one is a ConfigError).
   */
  readonly missingSecrets: readonly string[];
}

/**
 * Reads a `pr-<n>` stack: `raw` is what the engine holds for it (only `platform:preview` and
 * `platform:secrets` are allowed), `testRaw` is `Pulumi.<PREVIEW_BASE_STACK>.yaml`. Throws one
 * ConfigError naming every problem of both. `missingSecrets` is left empty for the caller.
 */
export function parsePreviewStack(raw: RawConfig, testRaw: RawConfig, env: Readonly<Record<string, string | undefined>>): PreviewSpec {
  const issues: IssueSink = [];
  const key = (k: string) => `${raw.project}:${k}`;
  const match = /^pr-([0-9]+)$/.exec(raw.stack);
  if (stackKind(raw.stack) !== 'preview' || match === null) {
    throw new ConfigError(raw.stack, [
      { key: 'stack', value: raw.stack, message: 'is not a preview stack; expected pr-<n>, n a pull-request number' },
    ]);
  }
  const config = PREVIEW_STACK.read(raw, issues);
  let test: ClusterSpec | undefined;
  try {
    const parsed = parseStackConfig({ ...testRaw, stack: PREVIEW_BASE_STACK }, { missingSecrets: 'placeholder' });
    test = parsed.kind === 'cluster' ? parsed : undefined;
  } catch (err) {
    if (!(err instanceof ValidationError)) {
      throw err;
    }
    issues.push(...err.issues.map((i) => ({ ...i, message: `(in Pulumi.${PREVIEW_BASE_STACK}.yaml) ${i.message}` })));
  }
  const preview = config?.preview;
  const fromEnv = env[PREVIEW_SERVICES_ENV]?.split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const requested = preview?.services ?? (fromEnv !== undefined && fromEnv.length > 0 ? fromEnv : undefined);
  const catalogue = test?.services ?? [];
  for (const name of requested ?? []) {
    if (!catalogue.some((s) => s.name === name)) {
      const where = preview?.services !== undefined ? key('preview.services') : PREVIEW_SERVICES_ENV;
      issues.push({
        key: where,
        value: name,
        message: `is not a service of the catalogue; expected one of ${catalogue.map((s) => s.name).join(', ') || '(none)'}`,
      });
    }
  }
  if (issues.length > 0 || test === undefined || config === undefined) {
    throw new ConfigError(raw.stack, issues);
  }
  return {
    kind: 'preview',
    project: raw.project,
    stack: raw.stack,
    prNumber: Number(match[1]),
    namespace: raw.stack,
    testStack: preview?.testStack ?? `organization/${raw.project}/${PREVIEW_BASE_STACK}`,
    test,
    services: requested === undefined ? catalogue : catalogue.filter((s) => requested.includes(s.name)),
    secrets: config.secrets,
    missingSecrets: [],
  };
}
