/**
 * Evaluates one stack's Pulumi program under {@link PlanMocks}, in this process, and records
 * every resource with its inputs and options.
 */
import * as pulumi from '@pulumi/pulumi';
import { PlanMocks } from './mocks';
import { PlannedResource, PlannedStack, SECRET_PLACEHOLDER, type StackProgram, type StackResult } from '../core';
import { resolveInput, resolvePublic, resolvePublicLeaves, scrubSecrets } from './values';
import { withoutPulumiStackCaptures } from './stack-capture';
import { withLinearStructConversion } from './struct-conversion';
import { PLAIN_INPUT_MARKER, plainInputs } from './plain-inputs';

/** Options of {@link evaluateStack}. */
export interface EvaluateOptions {
  /** Pulumi project name. */
  readonly project: string;
  /** Stack name. */
  readonly stack: string;
  /** Config as `setAllConfig` takes it: JSON text per full key. */
  readonly config: Record<string, string>;
  /** Full keys of `config` whose values are secret. */
  readonly secretKeys: readonly string[];
  /** The program to run. */
  readonly program: StackProgram;
  /** Real (secret-free) outputs of stacks evaluated earlier, for `StackReference`s. */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
}

/** One stack after {@link evaluateStack}: its resources, outputs, files and warnings. */
export interface EvaluatedStack extends PlannedStack {
  /** The files the program asked for, resolved. */
  readonly artifacts: ReadonlyArray<{
    /** Path relative to the output folder. */
    readonly path: string;
    /** File content. */
    readonly content: string;
    /** {@link Artifact.documents}, when the program gave them. */
    readonly documents?: readonly unknown[];
  }>;
  /** What the program asked to be printed. */
  readonly warnings: readonly string[];
}

type OptionRecord = Omit<PlannedResource, 'inputs'> & {
  /** The inputs as the program gave them, before the SDK lifted nested secrets to their top-level key. */
  readonly props: Readonly<Record<string, unknown>>;
  /** Inputs handed to the SDK as {@link PLAIN_INPUT_MARKER}: what the plan records instead, by key. */
  readonly plain: Readonly<Record<string, unknown>>;
};

/** An option's property list as the plan records it: sorted, so the order given never shows as a change. */
function propertyList(names: readonly string[] | undefined): string[] {
  return [...new Set(names ?? [])].sort();
}

/**
 * Runs one stack's program under {@link PlanMocks} and records every resource it registers. Two
 * costs of the SDK that only matter to a real engine are avoided meanwhile: its per-resource and
 * per-promise stack captures (`withoutPulumiStackCaptures`) and its protobuf `Struct` building,
 * quadratic in depth (`withLinearStructConversion`); what reaches the mocks is the same.
 */
export async function evaluateStack(options: EvaluateOptions): Promise<EvaluatedStack> {
  return withoutPulumiStackCaptures(() => withLinearStructConversion(() => evaluate(options)));
}

async function evaluate(options: EvaluateOptions): Promise<EvaluatedStack> {
  const region = JSON.parse(JSON.stringify(options.config['alicloud:region'] ?? 'cn-hangzhou')) as string;
  const mocks = new PlanMocks({ region, stackOutputs: options.stackOutputs, stack: options.stack });
  pulumi.runtime.setAllConfig(options.config, [...options.secretKeys]);
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, false);

  const seen: OptionRecord[] = [];
  const registered: pulumi.Resource[] = [];
  const ids = new WeakMap<pulumi.Resource, string>();
  let result: StackResult | undefined;

  await pulumi.runtime.runInPulumiStack(async () => {
    // Sees every resource the program creates, with the options exactly as given.
    pulumi.runtime.registerStackTransformation((args) => {
      const id = `${args.type}::${args.name}`;
      ids.set(args.resource, id);
      registered.push(args.resource);
      const parent = args.opts.parent ? (ids.get(args.opts.parent) ?? null) : null;
      // Every CustomResourceOptions field is optional, so the plain options read as one as they are.
      const custom: pulumi.CustomResourceOptions = args.opts;
      // A component's plain inputs skip the SDK's round trip (see plain-inputs.ts); the plan records them as it would give them.
      const plain = plainInputs(args.resource, args.props as Record<string, unknown>);
      seen.push({
        type: args.type,
        name: args.name,
        parent,
        protect: args.opts.protect === true,
        retainOnDelete: args.opts.retainOnDelete === true,
        ignoreChanges: propertyList(custom.ignoreChanges),
        replaceOnChanges: propertyList(custom.replaceOnChanges),
        deleteBeforeReplace: custom.deleteBeforeReplace === true,
        additionalSecretOutputs: propertyList(custom.additionalSecretOutputs),
        props: args.props as Record<string, unknown>,
        plain,
      });
      const markers = Object.keys(plain).map((key) => [key, PLAIN_INPUT_MARKER]);
      return markers.length === 0 ? undefined : { props: { ...args.props, ...Object.fromEntries(markers) }, opts: args.opts };
    });
    result = await options.program();
    return result.outputs;
  });
  // A resource's URN resolves once its registration has reached the mocks; wait for all of
  // them (including any created while others resolved) before reading what the mocks recorded.
  for (let done = 0; done < registered.length;) {
    const batch = registered.slice(done);
    await Promise.all(batch.map((r) => resolveInput(r.urn)));
    done += batch.length;
  }

  const outputs: Record<string, unknown> = {};
  // Read the program's own values, not what runInPulumiStack hands back: that copy has lost
  // which values were secret.
  for (const [key, value] of Object.entries(result?.outputs ?? {})) {
    outputs[key] = await resolvePublic(value);
  }
  const artifacts = [];
  for (const artifact of result?.artifacts ?? []) {
    if (await pulumi.isSecret(pulumi.output(artifact.content))) {
      throw new Error(`offline run: artifact '${artifact.path}' holds a secret; secrets are never written to disk`);
    }
    const content = await resolveInput(artifact.content);
    artifacts.push(
      artifact.documents === undefined ? { path: artifact.path, content } : { path: artifact.path, content, documents: artifact.documents },
    );
  }
  const resources: PlannedResource[] = [];
  for (const r of seen) {
    // A copy at the top only: the loop below replaces keys, and scrubSecrets shares what holds no secret.
    const inputs = { ...(scrubSecrets(mocks.registrations.get(`${r.type}::${r.name}`)?.inputs ?? {}) as Record<string, unknown>) };
    for (const [key, value] of Object.entries(r.plain)) {
      if (inputs[key] !== PLAIN_INPUT_MARKER) {
        throw new Error(`offline run: ${r.type} '${r.name}' input '${key}' did not reach the mocks as the marker it was given`);
      }
      inputs[key] = value;
    }
    // A top-level input that is secret only because a leaf inside it is: record it leaf by leaf.
    for (const [key, value] of Object.entries(inputs)) {
      const given = r.props[key];
      if (value === SECRET_PLACEHOLDER && typeof given === 'object' && given !== null && !pulumi.Output.isInstance(given)) {
        inputs[key] = scrubSecrets(await resolvePublicLeaves(given));
      }
    }
    resources.push({
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
      ignoreChanges: r.ignoreChanges,
      replaceOnChanges: r.replaceOnChanges,
      deleteBeforeReplace: r.deleteBeforeReplace,
      additionalSecretOutputs: r.additionalSecretOutputs,
    });
  }
  // Drain every outstanding RPC (a component's registerOutputs among them), so nothing of this
  // stack reaches the mocks of the next one.
  await pulumi.runtime.disconnect();
  return { resources, outputs, artifacts, warnings: result?.warnings ?? [] };
}
