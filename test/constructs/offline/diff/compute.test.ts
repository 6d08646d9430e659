import {
  computeDiff,
  DEFAULT_REPLACE_RULES,
  ManifestObject,
  OfflineOutput,
  PlannedResource,
  PlannedStack,
  renderMarkdown,
  replaceTriggers,
} from '../../../../constructs/offline/diff';
import { res } from '../../../helpers/planned-resource';

function output(stacks: Record<string, PlannedResource[]>, manifests: Record<string, ManifestObject[]> = {}): OfflineOutput {
  const toStack = (resources: PlannedResource[]): PlannedStack => ({ resources, outputs: {} });
  return {
    stacks: new Map(Object.entries(stacks).map(([k, v]) => [k, toStack(v)])),
    manifests: new Map(Object.entries(manifests)),
    kubekey: new Map(),
  };
}

const BUCKET = 'alicloud:oss/bucket:Bucket';
const INSTANCE = 'alicloud:ecs/instance:Instance';
const VPC = 'alicloud:vpc/network:Network';

describe('protected resources', () => {
  const base = output({
    prod: [
      res(BUCKET, 'backups', { bucket: 'backups-a', acl: 'private' }, { protect: true, retainOnDelete: true }),
      res(VPC, 'vpc', { cidrBlock: '10.0.0.0/16' }, { protect: true }),
      res(INSTANCE, 'node-1', { imageId: 'img-1', instanceType: 'ecs.g7.large' }),
      res(INSTANCE, 'node-2', { imageId: 'img-1' }, { retainOnDelete: true }),
    ],
  });
  const head = output({
    prod: [
      res(BUCKET, 'backups', { bucket: 'backups-b', acl: 'private' }, { protect: true, retainOnDelete: true }),
      res(INSTANCE, 'node-1', { imageId: 'img-2', instanceType: 'ecs.g7.large' }),
      res(INSTANCE, 'node-2', { imageId: 'img-1', instanceType: 'ecs.g7.xlarge' }, { retainOnDelete: true }),
    ],
  });
  const diff = computeDiff(base, head);
  const md = renderMarkdown(diff);
  const lines = md.split('\n');

  test('replacement and deletion of protected resources are warned about; others are not', () => {
    expect(diff.warnings).toEqual([
      { stack: 'prod', type: BUCKET, name: 'backups', action: 'replace', flags: ['protect', 'retainOnDelete'], replaceReasons: ['bucket'] },
      { stack: 'prod', type: VPC, name: 'vpc', action: 'delete', flags: ['protect'], replaceReasons: [] },
    ]);
  });

  test('the warning section comes right after the title, before any other section', () => {
    expect(lines.slice(0, 6)).toEqual([
      '## Offline plan diff',
      '',
      '### ⚠️ 2 protected resources deleted or replaced',
      '',
      '- **replace** `alicloud:oss/bucket:Bucket` `backups` in stack `prod` (protect, retainOnDelete, forced by `bucket`)',
      '- **delete** `alicloud:vpc/network:Network` `vpc` in stack `prod` (protect)',
    ]);
    expect(lines.indexOf('### Cloud resources')).toBeGreaterThan(6);
  });

  test('the changed list says replace vs update and marks the forcing path', () => {
    expect(lines).toEqual(
      expect.arrayContaining([
        '- **replace** `alicloud:oss/bucket:Bucket` `backups`',
        '  - `bucket`: `backups-a` → `backups-b` (forces replacement)',
        // Unprotected: a replacement in the list, but no warning.
        '- **replace** `alicloud:ecs/instance:Instance` `node-1`',
        '  - `imageId`: `img-1` → `img-2` (forces replacement)',
        // instanceType is an in-place update (stop/start), not a replacement.
        '- **update** `alicloud:ecs/instance:Instance` `node-2`',
        '  - `instanceType`: added `ecs.g7.xlarge`',
        '- **delete** `alicloud:vpc/network:Network` `vpc`',
        '+0 ~3 -1',
      ]),
    );
  });

  test('a removed stack reports its protected resources too', () => {
    const gone = computeDiff(base, output({}));
    expect(gone.stacks).toEqual([expect.objectContaining({ stack: 'prod', status: 'removed', added: [], changed: [] })]);
    expect(gone.warnings.map((w) => [w.name, w.action])).toEqual([
      ['node-2', 'delete'],
      ['backups', 'delete'],
      ['vpc', 'delete'],
    ]);
    expect(renderMarkdown(gone)).toContain('+0 ~0 -4 (stack removed)');
  });

  test('re-parenting under another component type replaces; under the same type it is an update', () => {
    const parented = (parent: string) => output({ s: [res(VPC, 'vpc', {}, { parent, protect: true })] });
    const sameType = computeDiff(parented('pkg:mod:Net::a'), parented('pkg:mod:Net::b'));
    expect(sameType.stacks[0].changed[0]).toMatchObject({ action: 'update', replaceReasons: [] });
    expect(sameType.warnings).toEqual([]);
    const otherType = computeDiff(parented('pkg:mod:Net::a'), parented('pkg:mod:Network::a'));
    expect(otherType.stacks[0].changed[0]).toMatchObject({ action: 'replace', replaceReasons: ['parent'] });
    expect(renderMarkdown(otherType)).toContain('  - `parent`: `pkg:mod:Net::a` → `pkg:mod:Network::a` (option, forces replacement)');
  });
});

describe('replaceTriggers', () => {
  test.each<[string, string[], string[]]>([
    [INSTANCE, ['instanceType'], []],
    [INSTANCE, ['tags', 'imageId', 'vswitchId', 'imageId'], ['imageId', 'vswitchId']],
    ['alicloud:vpc/switch:Switch', ['cidrBlock', 'vswitchName'], ['cidrBlock']],
    ['alicloud:nas/fileSystem:FileSystem', ['protocolType', 'description'], ['protocolType']],
    ['alicloud:cdn/domainNew:DomainNew', ['domainName'], ['domainName']],
    ['alicloud:unknown/thing:Thing', ['anything'], []],
  ])('%s %j → %j', (type, keys, expected) => {
    expect(replaceTriggers(DEFAULT_REPLACE_RULES, type, keys)).toEqual(expected);
  });
});

describe('cloud resources', () => {
  test('added stacks, secrets, nested paths and escaping', () => {
    const base = output({ s: [res('t:a:B', 'x|y', { gone: 1, password: '[secret]', nested: { list: [{ on: true }] } })] });
    const head = output({
      s: [res('t:a:B', 'x|y', { password: 'plain`text', nested: { list: [{ on: false }] } })],
      fresh: [res(VPC, 'v', {})],
    });
    const md = renderMarkdown(computeDiff(base, head));
    expect(md).toContain('#### Stack fresh\n\n+1 ~0 -0 (stack added)\n\n- **create** `alicloud:vpc/network:Network` `v`');
    // Not a table, so the pipe stays literal inside the code span.
    expect(md).toContain('- **update** `t:a:B` `x|y`\n  - `gone`: removed (was `1`)');
    expect(md).toContain('  - `nested.list[0].on`: `true` → `false`');
    expect(md).toContain('  - `password`: `[secret]` → ``plain`text``');
  });

  test('long change lists end with "and N more", replace-triggering paths first', () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${String(i).padStart(2, '0')}`, i]));
    const base = output({ s: [res(VPC, 'vpc', { ...many, cidrBlock: '10.0.0.0/16' })] });
    const head = output({ s: [res(VPC, 'vpc', { cidrBlock: '10.1.0.0/16' })] });
    const lines = renderMarkdown(computeDiff(base, head)).split('\n');
    const at = lines.indexOf('- **replace** `alicloud:vpc/network:Network` `vpc`');
    expect(lines.slice(at + 1, at + 3)).toEqual([
      '  - `cidrBlock`: `10.0.0.0/16` → `10.1.0.0/16` (forces replacement)',
      '  - `k00`: removed (was `0`)',
    ]);
    expect(lines[at + 11]).toBe('  - … and 3 more');
    expect(lines[at + 12]).toBe('');
  });
});

describe('Kubernetes objects', () => {
  const obj = (kind: string, name: string, body: Record<string, unknown>, namespace = 'ns'): ManifestObject => ({
    group: '',
    kind,
    namespace,
    name,
    body: { apiVersion: 'v1', kind, metadata: { name, namespace }, ...body },
    source: 'k8s/c/x.yaml',
  });

  test('changed fields are listed a few at most; Secret values are never shown', () => {
    const base = output(
      {},
      {
        c: [
          obj('ConfigMap', 'cfg', { data: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6', g: '7' } }),
          obj('Secret', 'db', { data: { password: 'aHVudGVyMg==' } }),
        ],
      },
    );
    const head = output(
      {},
      {
        c: [
          obj('ConfigMap', 'cfg', { data: { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x', f: 'x', g: 'x' } }),
          obj('Secret', 'db', { data: { password: 'c3dvcmRmaXNo' } }),
          obj('Namespace', 'ns', {}, ''),
        ],
      },
    );
    const md = renderMarkdown(computeDiff(base, head));
    expect(md).toContain('- **add** `Namespace ns`');
    expect(md).toContain('- **change** `ConfigMap ns/cfg`\n  - `data.a`: `"1"` → `x`');
    expect(md).toContain('  - … and 2 more');
    expect(md).toContain('- **change** `Secret ns/db`\n  - `data.password`: `[secret]` → `[secret]`');
    expect(md).not.toContain('aHVudGVyMg');
    expect(md).not.toContain('c3dvcmRmaXNo');
  });

  test('objects are identified by group, not version', () => {
    const dep = (apiVersion: string): ManifestObject => ({
      group: 'apps',
      kind: 'Deployment',
      namespace: 'ns',
      name: 'web',
      source: 'x',
      body: { apiVersion },
    });
    const diff = computeDiff(output({}, { c: [dep('apps/v1beta2')] }), output({}, { c: [dep('apps/v1')] }));
    expect(diff.manifests[0]).toMatchObject({ added: [], removed: [], changed: [{ changes: [{ path: ['apiVersion'] }] }] });
  });
});

describe('KubeKey documents', () => {
  const doc = (kind: string, name: string, spec: Record<string, unknown>) => ({ kind, name, body: { kind, metadata: { name }, spec } });
  const withKubeKey = (clusters: Record<string, ReturnType<typeof doc>[]>): OfflineOutput => ({
    ...output({}),
    kubekey: new Map(Object.entries(clusters)),
  });

  test('changed fields, added files and added documents', () => {
    const base = withKubeKey({
      prod: [doc('Cluster', 'prod', { roleGroups: { worker: ['w1', 'w2'] }, kubernetes: { version: 'v1.28.8' } })],
    });
    const head = withKubeKey({
      prod: [
        doc('Cluster', 'prod', { roleGroups: { worker: ['w1', 'w3'] }, kubernetes: { version: 'v1.29.3' } }),
        doc('ClusterConfiguration', 'ks-installer', {}),
      ],
      test: [doc('Cluster', 'test', {})],
    });
    const md = renderMarkdown(computeDiff(base, head));
    expect(md.split('\n')).toEqual([
      '## Offline plan diff',
      '',
      '### KubeKey documents',
      '',
      '#### Cluster prod',
      '',
      '- `Cluster` `prod` changed:',
      '  - `spec.kubernetes.version`: `v1.28.8` → `v1.29.3`',
      '  - `spec.roleGroups.worker[1]`: `w2` → `w3`',
      '- `ClusterConfiguration` `ks-installer` added',
      '',
      '#### Cluster test (file added)',
      '',
      '- `Cluster` `test` added',
      '',
    ]);
  });

  test('a host address change is marked as needing the node replacement procedure, listed first', () => {
    const hosts = (second: string) => [
      { name: 'n1', internalAddress: '10.20.0.10' },
      { name: 'n2', internalAddress: second },
    ];
    const base = withKubeKey({ prod: [doc('Cluster', 'prod', { controlPlaneEndpoint: { port: 6443 }, hosts: hosts('10.20.0.11') })] });
    const head = withKubeKey({ prod: [doc('Cluster', 'prod', { controlPlaneEndpoint: { port: 8443 }, hosts: hosts('10.20.0.21') })] });
    expect(renderMarkdown(computeDiff(base, head)).split('\n').slice(6, 9)).toEqual([
      '- `Cluster` `prod` changed:',
      '  - `spec.hosts[1].internalAddress`: `10.20.0.11` → `10.20.0.21` (a node address: it changes only through the node replacement procedure)',
      '  - `spec.controlPlaneEndpoint.port`: `6443` → `8443`',
    ]);
  });
});

describe('config edits that re-address a node', () => {
  const NODE_OPTIONS: Partial<PlannedResource> = {
    deleteBeforeReplace: true,
    ignoreChanges: ['dataDisks', 'imageId', 'privateIp', 'vswitchId'],
  };
  const node = (name: string, privateIp: string, vswitchId: string, extra: Partial<PlannedResource> = NODE_OPTIONS) =>
    res(INSTANCE, name, { instanceName: name, privateIp, vswitchId, imageId: 'img-1', instanceType: 'ecs.c7.2xlarge' }, extra);
  const base = output({
    prod: [
      node('prod-cp-1', '10.20.0.10', 'vsw-e'),
      node('prod-cp-2', '10.20.16.10', 'vsw-f'),
      node('prod-worker-1', '10.20.0.20', 'vsw-e'),
    ],
  });

  test('an addressOffset or zone-order edit is flagged as needing the node replacement procedure, not shown as a plain change', () => {
    const head = output({
      prod: [
        node('prod-cp-1', '10.20.0.11', 'vsw-e'),
        node('prod-cp-2', '10.20.0.10', 'vsw-e'),
        node('prod-worker-1', '10.20.0.20', 'vsw-e'),
      ],
    });
    const diff = computeDiff(base, head);
    expect(diff.procedures.map((p) => [p.stack, p.name, p.changes.map((c) => [c.path, c.before, c.after])])).toEqual([
      ['prod', 'prod-cp-1', [[['privateIp'], '10.20.0.10', '10.20.0.11']]],
      [
        'prod',
        'prod-cp-2',
        [
          [['privateIp'], '10.20.16.10', '10.20.0.10'],
          [['vswitchId'], 'vsw-f', 'vsw-e'],
        ],
      ],
    ]);
    // `pulumi up` leaves the instances alone: neither an update nor a replacement.
    expect(diff.stacks[0].changed.map((c) => [c.name, c.action, c.replaceReasons, c.ignoredKeys, c.procedureKeys])).toEqual([
      ['prod-cp-1', 'ignored', [], ['privateIp'], ['privateIp']],
      ['prod-cp-2', 'ignored', [], ['privateIp', 'vswitchId'], ['privateIp', 'vswitchId']],
    ]);
    const lines = renderMarkdown(diff).split('\n');
    expect(lines.slice(0, 14)).toEqual([
      '## Offline plan diff',
      '',
      '### ⛔ 2 changes: needs a node replacement procedure (README.md, "Replacing or re-addressing a node")',
      '',
      '- `alicloud:ecs/instance:Instance` `prod-cp-1` in stack `prod`',
      '  - `privateIp`: `10.20.0.10` → `10.20.0.11`',
      '- `alicloud:ecs/instance:Instance` `prod-cp-2` in stack `prod`',
      '  - `privateIp`: `10.20.16.10` → `10.20.0.10`',
      '  - `vswitchId`: `vsw-f` → `vsw-e`',
      '',
      '> `pulumi up` does not apply these: `pulumi preview` and `pulumi up` refuse them until the procedure is followed.',
      '',
      '### Cloud resources',
      '',
    ]);
    expect(lines).toContain('- **no change (ignored)** `alicloud:ecs/instance:Instance` `prod-cp-1`');
    expect(lines).toContain('  - `privateIp`: `10.20.0.10` → `10.20.0.11` (needs a procedure, see above)');
  });

  test('a node listed in replaceNodes is a replacement, with no procedure warning; other ignored inputs are marked', () => {
    const acknowledged = { ...NODE_OPTIONS, ignoreChanges: ['dataDisks', 'imageId'], replaceOnChanges: ['privateIp', 'vswitchId'] };
    const head = output({
      prod: [
        node('prod-cp-1', '10.20.0.11', 'vsw-e', acknowledged),
        res(
          INSTANCE,
          'prod-cp-2',
          { instanceName: 'prod-cp-2', privateIp: '10.20.16.10', vswitchId: 'vsw-f', imageId: 'img-2', instanceType: 'ecs.c7.2xlarge' },
          NODE_OPTIONS,
        ),
        node('prod-worker-1', '10.20.0.20', 'vsw-e', { ...NODE_OPTIONS, ignoreChanges: ['dataDisks', 'imageId'] }),
      ],
    });
    const diff = computeDiff(base, head);
    expect(diff.procedures).toEqual([]);
    expect(
      diff.stacks[0].changed.map((c) => [c.name, c.action, c.replaceReasons, c.ignoredKeys, c.optionChanges.map((o) => o.path.join('.'))]),
    ).toEqual([
      ['prod-cp-1', 'replace', ['privateIp'], [], ['ignoreChanges.2', 'ignoreChanges.3', 'replaceOnChanges.0', 'replaceOnChanges.1']],
      ['prod-cp-2', 'ignored', [], ['imageId'], []],
      // Dropping the ignore is itself a reviewable option change.
      ['prod-worker-1', 'update', [], [], ['ignoreChanges.2', 'ignoreChanges.3']],
    ]);
    expect(renderMarkdown(diff).split('\n')).toContain('  - `imageId`: `img-1` → `img-2` (ignored by `pulumi up`)');
  });
});
