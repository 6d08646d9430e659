/**
 * The layer rules of scripts/eslint-layers.mjs, through ESLint's own API and the repository's
 * eslint.config.mjs: each planted import breaks one arrow of the design and is reported by the rule
 * that encodes it; the legal import beside it passes. ESLint loads its (ESM) config with a dynamic
 * import, which jest's module system does not run, so the cases are linted by a child Node process.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

interface Case {
  /** The file the code is linted as (it need not exist; its imports resolve from its folder). */
  readonly file: string;
  readonly code: string;
}

interface Finding {
  readonly ruleId: string | null;
  readonly message: string;
}

/** Lints every case with `new ESLint().lintText(code, { filePath })`; the layer rules' findings per case. */
function lint(cases: readonly Case[]): Finding[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      const out = [];
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: require('path').join(${JSON.stringify(ROOT)}, c.file) });
        out.push(result.messages.filter((m) => (m.ruleId ?? '').startsWith('layers/') || m.fatal).map((m) => ({ ruleId: m.ruleId, message: m.message })));
      }
      console.log(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: ROOT, encoding: 'utf8' })) as Finding[][];
}

/** [what the import breaks, file, code, words the message must hold]: each must be reported once. */
const VIOLATIONS: ReadonlyArray<readonly [string, string, string, string]> = [
  [
    'kubekey loads Pulumi',
    'constructs/kubekey/x.ts',
    "import * as pulumi from '@pulumi/pulumi';",
    'constructs/kubekey builds pure documents',
  ],
  ['kubekey loads cdk8s', 'constructs/kubekey/x.ts', "import { Chart } from 'cdk8s';", 'no cdk8s'],
  [
    'kubekey imports the Alibaba components',
    'constructs/kubekey/x.ts',
    "import { NodePool } from '../alicloud';",
    'no cloud or Kubernetes constructs',
  ],
  [
    'kubekey imports the cdk8s constructs',
    'constructs/kubekey/x.ts',
    "import { NasStorageClass } from '../k8s';",
    'no cloud or Kubernetes constructs',
  ],
  ['k8s loads Pulumi', 'constructs/k8s/x.ts', "import * as k8s from '@pulumi/kubernetes';", 'constructs/k8s loads no Pulumi module'],
  ['k8s imports alicloud', 'constructs/k8s/x.ts', "import { planVSwitches } from '../alicloud/plan';", 'creates no cloud resource'],
  ['core loads Pulumi', 'constructs/core/x.ts', "import * as pulumi from '@pulumi/pulumi';", 'constructs/core is shared'],
  [
    'stack-config loads Pulumi',
    'constructs/stack-config/x.ts',
    "import * as pulumi from '@pulumi/pulumi';",
    'reads stack files without Pulumi',
  ],
  [
    'constructs imports stacks',
    'constructs/offline/x.ts',
    "import { parseStackConfig } from '../../stacks/config';",
    'never imports stacks/ or infra/',
  ],
  ['stacks imports infra', 'stacks/x.ts', "import '../infra/synth';", 'nothing but its tests imports infra/'],
  ['constructs imports infra', 'constructs/ci/x.ts', "import '../../infra/pr-comment';", 'nothing but its tests imports infra/'],
  [
    'stacks deep-imports constructs',
    'stacks/x.ts',
    "import { planVSwitches } from '../constructs/alicloud/network/plan';",
    "only through the package's entry points",
  ],
  [
    'infra deep-imports constructs',
    'infra/x.ts',
    "import { evaluateStack } from '../constructs/offline/evaluate';",
    "only through the package's entry points",
  ],
  [
    'the config layer takes the main entry, which loads Pulumi',
    'stacks/config/x.ts',
    "import { Validator } from '../../constructs';",
    'the Kubernetes-only path too',
  ],
  ['the config layer loads Pulumi', 'stacks/config/x.ts', "import * as pulumi from '@pulumi/pulumi';", 'the Kubernetes-only path too'],
  [
    'a module reaches behind another module',
    'constructs/ci/x.ts',
    "import { code } from '../offline/diff/markdown';",
    'through its barrel',
  ],
  ['a module reaches behind core', 'constructs/kubekey/x.ts', "import { Validator } from '../core/validation';", 'through its barrel'],
  [
    'a construct loads every Alibaba Cloud namespace',
    'constructs/alicloud/x.ts',
    "import * as alicloud from '@pulumi/alicloud';",
    'import the provider SDK by namespace',
  ],
  [
    'a stack names a type of every Kubernetes namespace',
    'stacks/x.ts',
    "import type * as k8s from '@pulumi/kubernetes';",
    'a type-only import included',
  ],
  ['infra loads the v1 Chart with the Release', 'infra/x.ts', "import * as helm from '@pulumi/kubernetes/helm/v3';", 'helm/v3/release'],
  [
    'an import closes a cycle (the type-only one parse.ts and cluster-checks.ts had)',
    'stacks/config/cluster-checks.ts',
    "import type { StackSpec } from './parse';\nexport type S = StackSpec;",
    'Import cycle: stacks/config/cluster-checks.ts → stacks/config/parse.ts → stacks/config/cluster-checks.ts',
  ],
];

/** [what it is, file, code]: each must pass the layer rules. */
const LEGAL: ReadonlyArray<readonly [string, string, string]> = [
  ['stacks through the main entry', 'stacks/x.ts', "import { NodePool } from '../constructs';"],
  ['stacks through a subpath entry', 'stacks/x.ts', "import { planVSwitches } from '../constructs/alicloud/plan';"],
  ['the config layer through the Pulumi-free entries', 'stacks/config/x.ts', "import { Validator } from '../../constructs/core';"],
  ['infra through the offline entry', 'infra/x.ts', "import { evaluateStack } from '../constructs/offline';"],
  ['infra imports stacks', 'infra/x.ts', "import { programFor } from '../stacks/program';"],
  ['a test of an entry point imports it', 'test/infra/x.test.ts', "import { main } from '../../infra/synth';"],
  ['a module through another module’s barrel', 'constructs/kubekey/x.ts', "import { Validator } from '../core';"],
  ['a module through a sub-barrel', 'constructs/ci/x.ts', "import { code } from '../offline/diff';"],
  ['a file inside its own module', 'constructs/alicloud/network/x.ts', "import { planVSwitches } from './plan';"],
  [
    'core names a Pulumi type (loads nothing)',
    'constructs/core/x.ts',
    "import type * as pulumi from '@pulumi/pulumi';\nexport type I = pulumi.Input<string>;",
  ],
  ['k8s loads cdk8s', 'constructs/k8s/x.ts', "import { Chart } from 'cdk8s';"],
  ['a construct loads one Alibaba Cloud namespace', 'constructs/alicloud/x.ts', "import * as ecs from '@pulumi/alicloud/ecs';"],
  ['a stack loads the Kubernetes YAML v2 namespace', 'stacks/x.ts', "import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';"],
  ['a test imports a module’s internals', 'test/x.test.ts', "import { resolveKubeKeyInput } from '../constructs/kubekey/defaults';"],
];

let violations: Finding[][];
let legal: Finding[][];

beforeAll(() => {
  const results = lint([...VIOLATIONS.map(([, file, code]) => ({ file, code })), ...LEGAL.map(([, file, code]) => ({ file, code }))]);
  violations = results.slice(0, VIOLATIONS.length);
  legal = results.slice(VIOLATIONS.length);
}, 120_000);

test.each(VIOLATIONS.map((v, i) => [v[0], i] as const))('reported: %s', (_what, i) => {
  const [, , , words] = VIOLATIONS[i];
  expect(violations[i]).toHaveLength(1);
  expect(violations[i][0].message).toContain(words);
});

test.each(LEGAL.map((l, i) => [l[0], i] as const))('passes: %s', (_what, i) => {
  expect(legal[i]).toEqual([]);
});

test('each rule of the layers plugin is exercised', () => {
  expect([...new Set(violations.flat().map((f) => f.ruleId))].sort()).toEqual(['layers/imports', 'layers/no-cycles']);
});
