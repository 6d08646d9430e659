/**
 * Issue 14: `Pulumi.yaml` may declare config keys (`config:`), which the CLI checks on every run
 * (pulumi/pulumi `pkg/workspace/config.go`, `mergeConfig`, and `sdk/go/common/workspace/project.go`,
 * `Validate`): a declared key of the project's namespace without a default must be set on every
 * stack, a declared default is put into every stack that lacks the key, a declared type is one of
 * string, integer, boolean or array, and another namespace's key may only carry a `value`.
 * A declaration must never make the CLI, or then our parser, refuse a valid stack file.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { parseStackConfig } from '../../../stacks/config/parse';
import { RawConfig, readStackFile } from '../../../stacks/config/sources';
import { parsePreviewStack } from '../../../stacks/config/preview';

const ROOT = path.resolve(__dirname, '../../..');

interface Declaration {
  readonly type?: string;
  readonly items?: unknown;
  readonly default?: unknown;
  readonly value?: unknown;
  readonly description?: string;
}

const TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  array: (v) => Array.isArray(v),
};

/** What the CLI would refuse, or what our parser refuses once the CLI has applied the declared defaults. */
function refusals(
  project: string,
  declared: Readonly<Record<string, Declaration>>,
  stacks: readonly RawConfig[],
  test: RawConfig,
): string[] {
  const out: string[] = [];
  for (const [name, d] of Object.entries(declared)) {
    const key = name.includes(':') ? name : `${project}:${name}`;
    if (!key.startsWith(`${project}:`)) {
      if (d.type !== undefined || d.default !== undefined || d.value === undefined)
        out.push(`${key}: another namespace takes a value only`);
      continue;
    }
    if (d.type !== undefined && !(d.type in TYPES)) out.push(`${key}: type ${d.type} cannot be declared`);
    if (d.type === 'array' && d.items === undefined) out.push(`${key}: an array needs items`);
  }
  for (const stack of stacks) {
    const values: Record<string, unknown> = { ...stack.values };
    for (const [name, d] of Object.entries(declared)) {
      const key = name.includes(':') ? name : `${project}:${name}`;
      if (!(key in values)) {
        if (d.default === undefined && d.value === undefined) {
          if (key.startsWith(`${project}:`)) out.push(`${stack.stack}: missing ${key}`);
          continue;
        }
        values[key] = d.default ?? d.value;
      } else if (d.type !== undefined && TYPES[d.type] !== undefined && !TYPES[d.type](values[key])) {
        out.push(`${stack.stack}: ${key} must be of type ${d.type}`);
      }
    }
    try {
      if (stack.stack.startsWith('pr-')) parsePreviewStack({ ...stack, values }, test, {});
      else parseStackConfig({ ...stack, values }, { missingSecrets: 'placeholder' });
    } catch (err) {
      out.push(`${stack.stack}: ${(err as Error).message.split('\n')[1] ?? (err as Error).message}`);
    }
  }
  return out;
}

const test_ = readStackFile(ROOT, 'test');
const stacks = [readStackFile(ROOT, 'shared'), readStackFile(ROOT, 'prod'), test_, { project: 'platform', stack: 'pr-7', values: {} }];

describe("Pulumi.yaml's project config declarations", () => {
  test('never make the CLI or the parser refuse a shipped stack or a preview', () => {
    const project = parse(fs.readFileSync(path.join(ROOT, 'Pulumi.yaml'), 'utf8')) as { config?: Record<string, Declaration> };
    expect(refusals('platform', project.config ?? {}, stacks, test_)).toEqual([]);
  });

  test.each<[string, Record<string, Declaration>, string[]]>([
    [
      'a key of one stack kind, declared without a default, is missing on the others',
      { sharedStack: { type: 'string', description: 'the shared stack' } },
      [
        'shared: missing platform:sharedStack',
        'prod: missing platform:sharedStack',
        'test: missing platform:sharedStack',
        'pr-7: missing platform:sharedStack',
      ],
    ],
    [
      'its default lands on a stack kind that refuses the key',
      { sharedStack: { type: 'string', default: 'organization/platform/shared' } },
      [
        'shared:   - platform:sharedStack: "organization/platform/shared" is not a known key for stack \'shared\'; expected one of platform:secrets, platform:network, platform:nas, platform:site, platform:devtools, platform:backup',
        'pr-7:   - platform:sharedStack: "organization/platform/shared" is derived from Pulumi.test.yaml on a preview stack; expected only platform:preview, platform:secrets',
      ],
    ],
    [
      'a map cannot be typed',
      { network: { type: 'object' } },
      expect.arrayContaining(['platform:network: type object cannot be declared']),
    ],
  ])('why nothing is declared: %s', (_why, declared, expected) => {
    expect(refusals('platform', declared, stacks, test_)).toEqual(expected);
  });
});
