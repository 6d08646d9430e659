/**
 * The typed spec of a stack, as the parser (parse.ts) returns it: the keys its stack kind's schema
 * reads (stack-schema.ts), every default applied, plus what the parser adds. Types only, and the
 * error bad config is reported with, so the rules modules need not import the parser.
 */
import { ValidationError, ValidationIssue } from '../../constructs/core';
import type { SecretValue } from './schema';
import type { ClusterConfig, SharedConfig } from './stack-schema';

/** Thrown for bad stack config; its message names every bad key, its value and what is allowed. */
export class ConfigError extends ValidationError {
  constructor(stack: string, issues: readonly ValidationIssue[]) {
    super(issues, `Invalid config for stack '${stack}'`);
    this.name = 'ConfigError';
  }
}

export interface BaseSpec {
  readonly project: string;
  readonly stack: string;
  /** `alicloud:region`. */
  readonly region: string;
  /** Secrets by name (`platform:secrets.<name>`), as `pulumi config set --secret` stored them. */
  readonly secrets: Readonly<Record<string, SecretValue>>;
  /** Secrets the stack needs that are not set: allowed only offline, where they read `[secret]`. */
  readonly missingSecrets: readonly string[];
  /**
   * Keys needed before `pulumi up` that are not set (full keys): an error under the engine, allowed
   * offline. Among them public settings only known once the machines exist (SSH host keys): offline
   * they read {@link SETTING_PLACEHOLDER}; the shared stack's is never an error, it is exported as
   * null, which a cluster install refuses.
   */
  readonly missingSettings: readonly string[];
}

/** What an unset {@link BaseSpec.missingSettings} entry reads offline. */
export const SETTING_PLACEHOLDER = '[not set]';

/** A `shared` stack: its keys as {@link SHARED_STACK} reads them. */
export interface SharedSpec extends BaseSpec, Omit<SharedConfig, 'secrets'> {
  readonly kind: 'shared';
}

/** A cluster stack (`prod`, `test`): its keys as {@link CLUSTER_STACK} reads them, every default applied. */
export interface ClusterSpec extends BaseSpec, Omit<ClusterConfig, 'secrets' | 'sharedStack'> {
  readonly kind: 'cluster';
  /** The fully qualified name of the `shared` stack, for the `StackReference`. */
  readonly sharedStack: string;
}

export type StackSpec = SharedSpec | ClusterSpec;
