/**
 * Runs a snippet of Pulumi code under the offline run's mocks and returns what it registered:
 * the same machinery `npm run synth` uses, so tests see exactly what `plan.json` would hold.
 */
import { EvaluatedStack, evaluateStack } from '../../constructs/offline/evaluate';
import type { StackResult } from '../../constructs/core/program';
import { PlannedResource } from '../../constructs/core/plan';

export interface EvaluateOptions {
  readonly config?: Record<string, string>;
  readonly secretKeys?: string[];
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
  readonly stack?: string;
}

export async function evaluate(
  program: () => Promise<StackResult | void> | StackResult | void,
  options: EvaluateOptions = {},
): Promise<EvaluatedStack> {
  return evaluateStack({
    project: 'unit',
    stack: options.stack ?? 'unit',
    config: { 'alicloud:region': 'cn-shenzhen', ...(options.config ?? {}) },
    secretKeys: options.secretKeys ?? [],
    stackOutputs: options.stackOutputs,
    program: async () => (await program()) ?? { outputs: {} },
  });
}

/** The resources of one type, in registration order. */
export function ofType(stack: EvaluatedStack, type: string): PlannedResource[] {
  return stack.resources.filter((r) => r.type === type);
}

/**
 * An evaluation run on first use and shared after: the same inputs give the same stack, so the tests
 * of a suite that read one stack need it evaluated once. A failed evaluation fails every test that asks.
 */
export function evaluatedOnce<T>(evaluation: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= evaluation());
}
