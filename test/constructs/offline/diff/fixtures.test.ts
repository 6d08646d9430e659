/**
 * End to end on the checked-in fixture folders. `head` differs from `base` by exactly: a new
 * service (Deployment + Service + ConfigMap in k8s/prod), one more prod instance (plus its KubeKey
 * host), a changed instance type, and one lifecycle rule removed from the protected bucket.
 */
import * as path from 'path';
import { computeDiff, diffOfflineOutputs, loadOfflineOutput, NO_CHANGES_LINE, renderMarkdown } from '../../../../constructs/offline/diff';

const BASE = path.join(__dirname, 'fixtures', 'base');
const HEAD = path.join(__dirname, 'fixtures', 'head');

describe('fixture folders base → head', () => {
  const diff = computeDiff(loadOfflineOutput(BASE), loadOfflineOutput(HEAD));
  const markdown = renderMarkdown(diff);
  const lines = markdown.split('\n');

  test('finds exactly the four intended changes', () => {
    expect(diff.warnings).toEqual([]);
    expect(diff.stacks.map((s) => s.stack)).toEqual(['prod']);
    const [prod] = diff.stacks;
    expect(prod.added).toEqual([{ type: 'alicloud:ecs/instance:Instance', name: 'prod-worker-3' }]);
    expect(prod.removed).toEqual([]);
    expect(prod.outputChanges).toEqual([]);
    expect(prod.changed.map((c) => [c.type, c.name, c.action, c.inputChanges.length, c.optionChanges.length])).toEqual([
      ['alicloud:ecs/instance:Instance', 'prod-worker-1', 'update', 1, 0],
      ['alicloud:oss/bucket:Bucket', 'prod-backups', 'update', 1, 0],
    ]);
    expect(diff.manifests.map((c) => [c.cluster, c.added.length, c.changed.length, c.removed.length])).toEqual([['prod', 3, 0, 0]]);
    expect(diff.kubekey.map((c) => [c.cluster, c.documents.map((d) => [d.kind, d.changes.length])])).toEqual([['prod', [['Cluster', 2]]]]);
  });

  test('renders the key lines exactly', () => {
    expect(lines[0]).toBe('## Offline plan diff');
    expect(lines).toEqual(
      expect.arrayContaining([
        '#### Stack prod',
        '+1 ~2 -0',
        '- **create** `alicloud:ecs/instance:Instance` `prod-worker-3`',
        '- **update** `alicloud:ecs/instance:Instance` `prod-worker-1`',
        '  - `instanceType`: `ecs.g7.xlarge` → `ecs.g7.2xlarge`',
        '- **update** `alicloud:oss/bucket:Bucket` `prod-backups`',
        '+3 ~0 -0',
        '- **add** `ConfigMap shop/orders`',
        '- **add** `Deployment shop/orders`',
        '- **add** `Service shop/orders`',
        '- `Cluster` `prod` changed:',
        '  - `spec.roleGroups.worker[2]`: added `prod-worker-3`',
      ]),
    );
    expect(lines.find((l) => l.startsWith('  - `lifecycleRules[1]`: removed (was `{"enabled":true,'))).toBeDefined();
    expect(lines.find((l) => l.startsWith('  - `spec.hosts[3]`: added `{"address":"10.0.1.22",'))).toBeDefined();
  });

  test('reports nothing else: the whole comment, line by line', () => {
    expect(lines).toEqual([
      '## Offline plan diff',
      '',
      '### Cloud resources',
      '',
      '#### Stack prod',
      '',
      '+1 ~2 -0',
      '',
      '- **create** `alicloud:ecs/instance:Instance` `prod-worker-3`',
      '- **update** `alicloud:ecs/instance:Instance` `prod-worker-1`',
      '  - `instanceType`: `ecs.g7.xlarge` → `ecs.g7.2xlarge`',
      '- **update** `alicloud:oss/bucket:Bucket` `prod-backups`',
      '  - `lifecycleRules[1]`: removed (was `{"enabled":true,"expirations":[{"days":365}],"id":"expire-old-backups","prefix"…`)',
      '',
      '### Kubernetes objects',
      '',
      '#### Cluster prod',
      '',
      '+3 ~0 -0',
      '',
      '- **add** `ConfigMap shop/orders`',
      '- **add** `Deployment shop/orders`',
      '- **add** `Service shop/orders`',
      '',
      '### KubeKey documents',
      '',
      '#### Cluster prod',
      '',
      '- `Cluster` `prod` changed:',
      '  - `spec.hosts[3]`: added `{"address":"10.0.1.22","internalAddress":"10.0.1.22","name":"prod-worker-3","us…`',
      '  - `spec.roleGroups.worker[2]`: added `prod-worker-3`',
      '',
    ]);
  });

  test('secrets in inputs stay "[secret]" and never differ', () => {
    expect(markdown).not.toMatch(/password/);
  });

  test('is stable across runs', () => {
    expect(diffOfflineOutputs(BASE, HEAD)).toBe(markdown);
  });

  test('the reverse direction mirrors it', () => {
    const reverse = computeDiff(loadOfflineOutput(HEAD), loadOfflineOutput(BASE));
    expect(reverse.stacks[0].removed).toEqual([{ type: 'alicloud:ecs/instance:Instance', name: 'prod-worker-3' }]);
    expect(reverse.manifests[0].removed).toHaveLength(3);
    expect(renderMarkdown(reverse)).toContain('+0 ~2 -1');
  });
});

describe('identical folders', () => {
  test('give the title and a single no-changes line', () => {
    expect(diffOfflineOutputs(BASE, BASE)).toBe(`## Offline plan diff\n\n${NO_CHANGES_LINE}\n`);
  });
});
