/**
 * The offline run: evaluates stacks in order under mocks (each later stack sees the earlier
 * stacks' outputs through its `StackReference`s), then writes `plan.json` and every artifact.
 */
import { EvaluatedStack, evaluateStack } from './evaluate';
import { type StackProgram, Plan } from '../core';
import { OutputFile, writeOutputFolder } from './output';
import { PolicyPackDefinition, PolicyReport, assertNoMandatoryViolations, evaluatePlan } from '../policy';

/** One stack of an offline run. */
export interface OfflineStack {
  /** Stack name (the last segment of a `StackReference` to it). */
  readonly name: string;
  /** Config as `setAllConfig` takes it: JSON text per full key. */
  readonly config: Record<string, string>;
  /** Full keys of `config` whose values are secret. */
  readonly secretKeys: readonly string[];
  /** The stack's program. */
  readonly program: StackProgram;
}

/** Options of {@link synthesize}. */
export interface SynthesizeOptions {
  /** Pulumi project name. */
  readonly project: string;
  /** In evaluation order: a stack referenced by another comes first. */
  readonly stacks: readonly OfflineStack[];
  /** Output folder; replaced as a whole on success, untouched on failure. */
  readonly outDir: string;
  /**
   * Extra files derived from the finished plan (for example a diagram).
   * @default - none
   */
  readonly extraFiles?: (plan: Plan, artifacts: EvaluatedStack['artifacts']) => Promise<OutputFile[]> | OutputFile[];
  /**
   * Outputs of stacks not evaluated in this run, for `StackReference`s to them.
   * @default {}
   */
  readonly externalStackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * A policy pack every resource of every stack is checked against; the report is written as
   * `policy.json`, and a mandatory violation fails the run before anything is written.
   * @default - no policy check
   */
  readonly policyPack?: PolicyPackDefinition;
  /**
   * Stacks evaluated by earlier runs in this process, reused when a stack's name, config, secret
   * keys and the outputs it sees are all the same again (its program is made from its config). For
   * callers that run many variants of one project, such as tests: the stacks they did not change
   * are evaluated once. Evaluation is deterministic for equal inputs, so a reused stack is the stack
   * a new evaluation would give.
   * @default - every stack evaluated anew
   */
  readonly cache?: EvaluationCache;
}

/** Evaluated stacks by everything their evaluation reads; see {@link SynthesizeOptions.cache}. */
export type EvaluationCache = Map<string, EvaluatedStack>;

function cacheKey(project: string, stack: OfflineStack, stackOutputs: Readonly<Record<string, Record<string, unknown>>>): string {
  return JSON.stringify([project, stack.name, stack.config, [...stack.secretKeys].sort(), stackOutputs]);
}

/** What {@link synthesize} wrote. */
export interface SynthesizeResult {
  /** The plan, as in `plan.json`. */
  readonly plan: Plan;
  /** Every file written, `plan.json` first. */
  readonly files: readonly OutputFile[];
  /** Warnings the stacks raised, by stack. */
  readonly warnings: Readonly<Record<string, readonly string[]>>;
  /** The policy report (`policy.json`), when a pack was given. */
  readonly policy?: PolicyReport;
}

/**
 * The offline run: evaluates each stack under mocks, in order, and writes `plan.json`, the stacks'
 * artifacts and the extra files to `outDir`. Nothing is written if any stack fails.
 */
export async function synthesize(options: SynthesizeOptions): Promise<SynthesizeResult> {
  const stackOutputs: Record<string, Record<string, unknown>> = { ...(options.externalStackOutputs ?? {}) };
  const evaluated: Record<string, EvaluatedStack> = {};
  for (const stack of options.stacks) {
    const key = options.cache === undefined ? undefined : cacheKey(options.project, stack, stackOutputs);
    const result =
      (key === undefined ? undefined : options.cache?.get(key)) ??
      (await evaluateStack({
        project: options.project,
        stack: stack.name,
        config: stack.config,
        secretKeys: stack.secretKeys,
        program: stack.program,
        stackOutputs,
      }));
    if (key !== undefined) {
      options.cache?.set(key, result);
    }
    evaluated[stack.name] = result;
    stackOutputs[stack.name] = result.outputs;
  }
  const plan: Plan = {
    stacks: Object.fromEntries(Object.entries(evaluated).map(([name, s]) => [name, { resources: s.resources, outputs: s.outputs }])),
  };
  const policy = options.policyPack === undefined ? undefined : evaluatePlan(plan, options.policyPack, options.project);
  if (policy !== undefined) {
    assertNoMandatoryViolations(policy);
  }
  const artifacts = Object.values(evaluated).flatMap((s) => s.artifacts);
  const files: OutputFile[] = [{ path: 'plan.json', content: `${JSON.stringify(plan, null, 2)}\n` }, ...artifacts];
  if (policy !== undefined) {
    files.push({ path: 'policy.json', content: `${JSON.stringify(policy, null, 2)}\n` });
  }
  files.push(...(await (options.extraFiles?.(plan, artifacts) ?? [])));
  const duplicate = files.find((f, i) => files.findIndex((g) => g.path === f.path) !== i);
  if (duplicate) {
    throw new Error(`offline run: two stacks both write '${duplicate.path}'`);
  }
  writeOutputFolder(options.outDir, files);
  const warnings = Object.fromEntries(
    Object.entries(evaluated)
      .filter(([, s]) => s.warnings.length > 0)
      .map(([name, s]) => [name, s.warnings]),
  );
  return { plan, files, warnings, policy };
}
