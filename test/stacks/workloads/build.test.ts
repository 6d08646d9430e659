/** buildWorkloads: what each chart holds by default, how services are wired, and one snapshot per chart. */
import { Provider } from '@pulumi/kubernetes/provider';
import { BuiltWorkloads, K8sObject, buildWorkloads, deployWorkloads, referencedSecrets } from '../../../stacks/workloads';
import { ClusterSpec } from '../../../stacks/config';
import { CSI_DRIVER_CHART } from '../../../stacks/config/workloads';
import { PREVIEW_PR_LABEL } from '../../../stacks/preview';
import { kubeKeyInput } from '../../../stacks/cluster';
import { NACOS_MYSQL_TABLES, NAS_PROVISIONER } from '../../../constructs/k8s';
import { DEFAULT_STORAGE_CLASS } from '../../../constructs/kubekey';
import { clusterConfigurationFromResolved } from '../../../constructs/kubekey/cluster-configuration';
import { resolveKubeKeyInput } from '../../../constructs/kubekey/defaults';
import { evaluate, ofType } from '../../helpers/evaluate';
import { NAS_DOMAIN, ROOT, at, clusterSpec, id } from './helpers';

const testSpec = clusterSpec(ROOT, 'test');
const prodSpec = clusterSpec(ROOT, 'prod');
const built = buildWorkloads(testSpec, { nasMountDomain: NAS_DOMAIN });
const prod = buildWorkloads(prodSpec, { nasMountDomain: NAS_DOMAIN });

function chart(b: BuiltWorkloads, name: string): readonly K8sObject[] {
  return b.charts.find((c) => c.name === name)?.objects ?? [];
}
function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const hit = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!hit) throw new Error(`no ${kind}/${name} among ${objects.map(id).join(', ')}`);
  return hit;
}
const container = (o: K8sObject) => at(o, 'spec', 'template', 'spec', 'containers', 0);
const envNamed = (o: K8sObject, name: string) => (container(o).env as Array<{ name: string }>).find((e) => e.name === name);

describe('charts', () => {
  test('four charts in apply order, each in its own namespace', () => {
    expect(built.charts.map((c) => c.name)).toEqual(['platform', 'middleware', 'logging', 'apps']);
    const namespaces = (name: string) => [...new Set(chart(built, name).map((o) => o.metadata.namespace))];
    expect(namespaces('middleware')).toEqual(['iot-middleware']);
    expect(namespaces('logging')).toEqual(['iot-logging']);
    expect(namespaces('apps')).toEqual(['iot-apps']);
  });

  test('each chart file is its objects as YAML', () => {
    for (const c of built.charts) expect(c.yaml.split('\n---\n')).toHaveLength(c.objects.length);
  });

  test.each(['platform', 'middleware', 'logging', 'apps'])('snapshot of the test stack: %s', (name) => {
    expect(built.charts.find((c) => c.name === name)?.yaml).toMatchSnapshot();
  });
});

/** What the snapshots cannot say: properties of each cluster's whole plan that must hold whatever the catalogue. */
describe.each([
  ['test', testSpec, built],
  ['prod', prodSpec, prod],
] as const)('properties of %s', (stack, spec, b) => {
  const objects = b.charts.flatMap((c) => c.objects);
  /** Every claim a pod can make: StatefulSet templates and standalone claims, with where it comes from. */
  const claims = objects.flatMap((o) => [
    ...(o.kind === 'PersistentVolumeClaim'
      ? [{ from: id(o), storageClassName: at(o, 'spec', 'storageClassName') as string | undefined }]
      : []),
    ...((at(o, 'spec', 'volumeClaimTemplates') ?? []) as K8sObject[]).map((t) => ({
      from: `${id(o)}/${t.metadata.name}`,
      storageClassName: at(t, 'spec', 'storageClassName') as string | undefined,
    })),
  ]);
  const classes = chart(b, 'platform').filter((o) => o.kind === 'StorageClass');
  const nasClasses = classes.filter((o) => o.provisioner === NAS_PROVISIONER).map((o) => o.metadata.name);

  test("every claim names a class the platform chart emits or KubeKey's local one", () => {
    const known = new Set([...classes.map((o) => o.metadata.name), DEFAULT_STORAGE_CLASS]);
    expect(claims.length).toBeGreaterThan(0);
    expect(
      claims
        .filter((c) => c.storageClassName === undefined || !known.has(c.storageClassName))
        .map((c) => `${c.from}: ${c.storageClassName}`),
    ).toEqual([]);
    // Harbor's volumes too, where Harbor runs.
    const harbor = spec.harbor?.install?.storageClass;
    if (harbor !== undefined) expect(known).toContain(harbor);
  });

  test('a claim on the NAS class implies the NAS CSI driver release in the plan', async () => {
    const onNas = claims.filter((c) => c.storageClassName !== undefined && nasClasses.includes(c.storageClassName));
    expect(onNas.length).toBeGreaterThan(0);
    const planned = await evaluate(() => {
      const provider = new Provider(`${stack}-k8s`, { kubeconfig: 'kubeconfig' });
      deployWorkloads({
        name: stack,
        built: b,
        secrets: spec.secrets,
        provider,
        artifactDir: `k8s/${stack}`,
        csiDriver: { driver: spec.csiDriver, region: spec.region },
      });
    });
    const releases = ofType(planned, 'kubernetes:helm.sh/v3:Release').filter((r) => r.inputs.chart === CSI_DRIVER_CHART);
    expect(releases.map((r) => r.inputs.namespace)).toEqual(['kube-system']);
  });

  test('an autoscaler implies metrics-server in the ks-installer ClusterConfiguration', () => {
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.length).toBeGreaterThan(0);
    // The document dist/kubekey/<cluster>.yaml carries, built by the same functions; the VPC only shapes the Cluster document.
    const configuration = clusterConfigurationFromResolved(resolveKubeKeyInput({ ...kubeKeyInput(spec, '10.20.0.0/16'), hosts: [] }));
    expect(at(configuration, 'spec', 'metrics_server', 'enabled')).toBe(true);
  });
});

describe('platform chart', () => {
  const objects = chart(built, 'platform');

  test('three restricted namespaces with default-deny and DNS', () => {
    for (const ns of ['iot-apps', 'iot-middleware', 'iot-logging']) {
      expect(find(objects, 'Namespace', ns).metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
      expect(objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === ns).map((o) => o.metadata.name)).toEqual([
        'default-deny',
        'allow-dns-egress',
      ]);
    }
  });

  test("only the NAS class, not default, one directory per cluster: KubeKey's local class stays the one default", () => {
    const classes = objects.filter((o) => o.kind === 'StorageClass');
    expect(classes.map((o) => o.metadata.name)).toEqual(['alicloud-nas']);
    expect(at(classes[0], 'metadata', 'annotations', 'storageclass.kubernetes.io/is-default-class')).toBe('false');
    expect(at(classes[0], 'parameters', 'server')).toBe(`${NAS_DOMAIN}:/test`);
    expect(at(find(chart(prod, 'platform'), 'StorageClass', 'alicloud-nas'), 'parameters', 'server')).toBe(`${NAS_DOMAIN}:/prod`);
  });

  test('without a NAS mount domain: no class, data on the local class, and a warning', () => {
    const local = buildWorkloads(testSpec);
    expect(chart(local, 'platform').filter((o) => o.kind === 'StorageClass')).toEqual([]);
    const claims = chart(local, 'middleware')
      .filter((o) => o.kind === 'StatefulSet')
      .flatMap((s) => at(s, 'spec', 'volumeClaimTemplates'));
    expect(new Set(claims.map((c: K8sObject) => at(c, 'spec', 'storageClassName')))).toEqual(new Set(['local']));
    expect(local.warnings).toEqual([expect.stringContaining("go on the node-local 'local' class")]);
    expect(built.warnings).toEqual([]);
  });
});

describe('middleware chart', () => {
  test('every deployed middleware on the NAS class', () => {
    const sets = chart(built, 'middleware').filter((o) => o.kind === 'StatefulSet');
    expect(sets.map((o) => o.metadata.name).sort()).toEqual(['emqx', 'mysql', 'nacos', 'rabbitmq', 'redis']);
    const classes = sets.flatMap((s) => at(s, 'spec', 'volumeClaimTemplates')).map((c: K8sObject) => at(c, 'spec', 'storageClassName'));
    expect(new Set(classes)).toEqual(new Set(['alicloud-nas']));
    expect(find(chart(built, 'middleware'), 'Deployment', 'sentinel-dashboard')).toBeDefined();
  });

  test('test runs Nacos standalone; production clusters it on MySQL and opens that path', () => {
    expect(envNamed(find(chart(built, 'middleware'), 'StatefulSet', 'nacos'), 'MODE')).toMatchObject({ value: 'standalone' });
    const nacos = find(chart(prod, 'middleware'), 'StatefulSet', 'nacos');
    expect([at(nacos, 'spec', 'replicas'), envNamed(nacos, 'MODE'), envNamed(nacos, 'MYSQL_SERVICE_HOST')]).toEqual([
      3,
      { name: 'MODE', value: 'cluster' },
      { name: 'MYSQL_SERVICE_HOST', value: 'mysql' },
    ]);
    expect(find(chart(prod, 'middleware'), 'NetworkPolicy', 'allow-nacos-to-mysql')).toBeDefined();
    expect(chart(built, 'middleware').some((o) => o.metadata.name === 'allow-nacos-to-mysql')).toBe(false);
  });

  test('each middleware admits only the app pods labelled as its clients; on test, in preview namespaces too', () => {
    const apps = {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'iot-apps' } },
      podSelector: { matchLabels: { 'iot.platform/uses-mysql': 'true' } },
    };
    const previews = {
      namespaceSelector: { matchExpressions: [{ key: PREVIEW_PR_LABEL, operator: 'Exists' }] },
      podSelector: { matchLabels: { 'iot.platform/uses-mysql': 'true' } },
    };
    expect(at(find(chart(built, 'middleware'), 'NetworkPolicy', 'allow-mysql-from-apps'), 'spec', 'ingress', 0)).toEqual({
      from: [apps, previews],
      ports: [{ port: 3306, protocol: 'TCP' }],
    });
    expect(at(find(chart(prod, 'middleware'), 'NetworkPolicy', 'allow-mysql-from-apps'), 'spec', 'ingress', 0)).toEqual({
      from: [apps],
      ports: [{ port: 3306, protocol: 'TCP' }],
    });
  });

  test('Sentinel and Logstash admit preview namespaces on test only', () => {
    const peers = (b: BuiltWorkloads, c: string, name: string, dir: 'ingress' | 'egress') =>
      at(find(chart(b, c), 'NetworkPolicy', name), 'spec', dir, 0, dir === 'ingress' ? 'from' : 'to') as unknown[];
    const preview = expect.objectContaining({ namespaceSelector: { matchExpressions: [{ key: PREVIEW_PR_LABEL, operator: 'Exists' }] } });
    for (const [c, name, dir] of [
      ['middleware', 'allow-sentinel-from-apps', 'ingress'],
      ['middleware', 'allow-sentinel-to-clients', 'egress'],
      ['logging', 'logs-logstash-ingress', 'ingress'],
    ] as const) {
      expect(peers(built, c, name, dir)).toContainEqual(preview);
      expect(peers(prod, c, name, dir)).not.toContainEqual(preview);
    }
  });

  test('credentials Secrets by name, values from secret config only; one MySQL password per service', () => {
    const mw = built.secrets.filter((s) => s.namespace === 'iot-middleware');
    expect(mw.map((s) => s.name).sort()).toEqual([
      'emqx-credentials',
      'mysql-credentials',
      'nacos-credentials',
      'rabbitmq-credentials',
      'redis-credentials',
      'sentinel-dashboard-credentials',
    ]);
    expect(mw.find((s) => s.name === 'mysql-credentials')?.data).toEqual({
      'mysql-root-password': { fromConfig: 'mysqlRootPassword' },
      'mysql-password': { fromConfig: 'mysqlPassword' },
      'db-password-device-service': { fromConfig: 'deviceServiceMysqlPassword' },
      'db-password-order-service': { fromConfig: 'orderServiceMysqlPassword' },
      'db-password-payment-service': { fromConfig: 'paymentServiceMysqlPassword' },
      'db-password-user-service': { fromConfig: 'userServiceMysqlPassword' },
    });
    expect(prod.secrets.find((s) => s.name === 'mysql-credentials')?.data['db-password-nacos']).toEqual({
      fromConfig: 'nacosMysqlPassword',
    });
  });

  test('every secretKeyRef names a key its Secret requirement holds', () => {
    for (const b of [built, prod]) {
      const missing: string[] = [];
      const walk = (ns: string | undefined, value: unknown): void => {
        if (Array.isArray(value)) return value.forEach((v) => walk(ns, v));
        if (typeof value !== 'object' || value === null) return;
        const ref = (value as { secretKeyRef?: { name: string; key: string } }).secretKeyRef;
        if (ref && !(ref.key in (b.secrets.find((s) => s.name === ref.name && s.namespace === ns)?.data ?? {})))
          missing.push(`${ns}/${ref.name}:${ref.key}`);
        Object.values(value).forEach((v) => walk(ns, v));
      };
      b.charts.flatMap((c) => c.objects).forEach((o) => walk(o.metadata.namespace, o.spec));
      expect(missing).toEqual([]);
    }
  });

  test('MySQL creates one database and user per service on first start, passwords only through Secret env', () => {
    const initdb = at(find(chart(built, 'middleware'), 'ConfigMap', 'mysql-initdb'), 'data') as Record<string, string>;
    expect(Object.keys(initdb)).toEqual(['00-databases.sh']);
    for (const db of ['device_service', 'order_service', 'payment_service', 'user_service']) {
      expect(initdb['00-databases.sh']).toContain(`create_database ${db} ${db} "\${MYSQL_DB_PASSWORD_${db.toUpperCase()}:?`);
    }
    const mysql = find(chart(built, 'middleware'), 'StatefulSet', 'mysql');
    expect(envNamed(mysql, 'MYSQL_DB_PASSWORD_ORDER_SERVICE')).toEqual({
      name: 'MYSQL_DB_PASSWORD_ORDER_SERVICE',
      valueFrom: { secretKeyRef: { name: 'mysql-credentials', key: 'db-password-order-service' } },
    });
    expect(container(mysql).volumeMounts).toContainEqual({ name: 'initdb', mountPath: '/docker-entrypoint-initdb.d', readOnly: true });
    // Test runs Nacos standalone on Derby: no Nacos database there.
    expect(initdb['00-databases.sh']).not.toContain('create_database nacos');
  });

  test('production: Nacos database, user and schema created by MySQL, the schema after the database', () => {
    const initdb = at(find(chart(prod, 'middleware'), 'ConfigMap', 'mysql-initdb'), 'data') as Record<string, string>;
    expect(Object.keys(initdb).sort()).toEqual(['00-databases.sh', '10-nacos-schema.sql']);
    expect(initdb['00-databases.sh']).toContain('create_database nacos nacos "${MYSQL_DB_PASSWORD_NACOS:?');
    expect(initdb['10-nacos-schema.sql']).toMatch(/^-- .*\nUSE `nacos`;/);
    for (const table of NACOS_MYSQL_TABLES) expect(initdb['10-nacos-schema.sql']).toContain(`CREATE TABLE IF NOT EXISTS \`${table}\``);
  });

  test('Nacos admin password: a bootstrap Job on both clusters, reachable through its own policies', () => {
    for (const b of [built, prod]) {
      const objects = chart(b, 'middleware');
      expect(find(objects, 'Job', 'nacos-bootstrap')).toBeDefined();
      expect(at(find(objects, 'NetworkPolicy', 'nacos-bootstrap-egress'), 'spec', 'egress', 0, 'ports')).toEqual([
        { port: 8848, protocol: 'TCP' },
      ]);
      expect(at(find(objects, 'NetworkPolicy', 'nacos-bootstrap-ingress'), 'spec', 'podSelector', 'matchLabels')).toEqual({
        'app.kubernetes.io/name': 'nacos',
        'app.kubernetes.io/instance': 'nacos',
      });
    }
    expect(built.secrets.find((s) => s.name === 'nacos-credentials')?.data['nacos-admin-password']).toEqual({
      fromConfig: 'nacosPassword',
    });
  });
});

describe('logging chart', () => {
  test('Logstash, Elasticsearch and Kibana; apps may send, the gateway namespace may read', () => {
    const objects = chart(built, 'logging');
    expect(
      objects
        .filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind))
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['logs-elasticsearch', 'logs-kibana', 'logs-logstash']);
    expect(JSON.stringify(find(objects, 'NetworkPolicy', 'logs-logstash-ingress'))).toContain('"kubernetes.io/metadata.name":"iot-apps"');
  });

  test('an external Elasticsearch: none deployed, its credentials Secret required', () => {
    const external: ClusterSpec = {
      ...testSpec,
      logging: {
        ...testSpec.logging,
        elasticsearch: {
          externalUrl: 'https://es.example.com',
          username: 'elastic',
          replicas: undefined,
          storageSize: undefined,
          resources: undefined,
        },
      } as ClusterSpec['logging'],
    };
    const b = buildWorkloads(external, { nasMountDomain: NAS_DOMAIN });
    expect(chart(b, 'logging').some((o) => o.kind === 'StatefulSet')).toBe(false);
    expect(b.secrets.find((s) => s.name === 'elasticsearch-credentials')).toEqual({
      name: 'elasticsearch-credentials',
      namespace: 'iot-logging',
      data: { username: { value: 'elastic' }, password: { fromConfig: 'elasticsearchPassword' } },
    });
  });
});

describe('apps chart', () => {
  const objects = chart(built, 'apps');

  test('each catalogue entry: Deployment, Service, ConfigMap, HPA and ServiceMonitor; a PDB only above one replica', () => {
    for (const s of testSpec.services) {
      for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'ServiceMonitor'])
        expect(find(objects, kind, s.name)).toBeDefined();
      expect(find(objects, 'ConfigMap', `${s.name}-config`)).toBeDefined();
    }
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(chart(prod, 'apps').filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(prodSpec.services.length);
  });

  test('image is repository:tag from the catalogue; sizes as configured', () => {
    const c = container(find(objects, 'Deployment', 'order-service'));
    expect(c.image).toBe('harbor.iot.example.com/iot/order-service:2.1.0');
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '768Mi', 'ephemeral-storage': '256Mi' },
      limits: { cpu: '1', memory: '768Mi', 'ephemeral-storage': '2Gi' },
    });
  });

  test('middleware addresses in application.yaml, passwords as secretKeyRef to client Secrets in the apps namespace', () => {
    const yaml = at(find(objects, 'ConfigMap', 'order-service-config'), 'data', 'application.yaml') as string;
    expect(yaml).toContain('url: jdbc:mysql://mysql.iot-middleware.svc.cluster.local:3306/order_service?');
    expect(yaml).toContain('username: order_service');
    expect(yaml).toContain('password: ${MYSQL_PASSWORD}');
    expect(yaml).toContain('server-addr: nacos.iot-middleware.svc.cluster.local:8848');
    expect(yaml).toContain('dashboard: sentinel-dashboard.iot-middleware.svc.cluster.local:8858');
    expect(yaml).toContain('destination: logs-logstash.iot-logging.svc.cluster.local:5044');
    expect(envNamed(find(objects, 'Deployment', 'order-service'), 'MYSQL_PASSWORD')).toEqual({
      name: 'MYSQL_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'order-service-mysql', key: 'password' } },
    });
    expect(built.secrets.find((s) => s.name === 'order-service-mysql')).toEqual({
      name: 'order-service-mysql',
      namespace: 'iot-apps',
      data: { password: { fromConfig: 'orderServiceMysqlPassword' } },
    });
    expect(built.secrets.some((s) => s.name === 'mysql-client')).toBe(false);
    expect(yaml).not.toContain('emqx');
    expect(at(find(objects, 'ConfigMap', 'device-service-config'), 'data', 'application.yaml')).toContain(
      'broker-url: tcp://emqx.iot-middleware.svc.cluster.local:1883',
    );
  });

  test("a service's own secrets arrive through envFrom of <service>-secrets", () => {
    expect(container(find(objects, 'Deployment', 'payment-service')).envFrom).toEqual([{ secretRef: { name: 'payment-service-secrets' } }]);
    expect(built.secrets.find((s) => s.name === 'payment-service-secrets')?.data).toEqual({
      ALIPAY_PRIVATE_KEY: { fromConfig: 'alipayPrivateKey' },
      WECHAT_PAY_API_KEY: { fromConfig: 'wechatPayApiKey' },
    });
  });

  test('payment-service alone may leave the cluster: HTTPS to the internet, private ranges excepted', () => {
    for (const b of [built, prod]) {
      const apps = chart(b, 'apps');
      const external = apps.filter((o) => o.kind === 'NetworkPolicy' && /-external-\d+$/.test(o.metadata.name ?? ''));
      expect(external.map((o) => o.metadata.name)).toEqual(['allow-payment-service-external-1']);
      expect(external[0].spec).toEqual({
        podSelector: { matchLabels: at(find(apps, 'Deployment', 'payment-service'), 'spec', 'selector', 'matchLabels') },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'] } }],
            ports: [{ port: 443, protocol: 'TCP' }],
          },
        ],
      });
    }
  });

  test('a service without egress gets no external policy', () => {
    const noEgress: ClusterSpec = { ...testSpec, services: testSpec.services.map((s) => ({ ...s, egress: [] })) };
    const apps = chart(buildWorkloads(noEgress, { nasMountDomain: NAS_DOMAIN }), 'apps');
    expect(apps.filter((o) => o.kind === 'NetworkPolicy' && /-external-\d+$/.test(o.metadata.name ?? ''))).toEqual([]);
  });

  test('only public services take gateway traffic; egress per middleware by client label', () => {
    expect(find(objects, 'Deployment', 'gateway').metadata.labels).toMatchObject({ 'iot.platform/public': 'true' });
    expect(find(objects, 'Deployment', 'order-service').metadata.labels).not.toHaveProperty(['iot.platform/public']);
    const names = objects
      .filter((o) => o.kind === 'NetworkPolicy')
      .map((o) => o.metadata.name)
      .sort();
    expect(names).toEqual([
      'allow-emqx-egress',
      'allow-gateway',
      'allow-intra-namespace-egress',
      'allow-intra-namespace-ingress',
      'allow-logstash-egress',
      'allow-mysql-egress',
      'allow-nacos-egress',
      'allow-payment-service-external-1',
      'allow-prometheus',
      'allow-rabbitmq-egress',
      'allow-redis-egress',
      'allow-sentinel-dashboard-ingress',
      'allow-sentinel-egress',
    ]);
  });
});

describe('secret references', () => {
  test('every Secret the manifests name is a requirement, and no manifest holds a Secret', () => {
    const all = built.charts.flatMap((c) => c.objects);
    expect(referencedSecrets(all)).toEqual(built.secrets.map((s) => `${s.namespace}/${s.name}`).sort());
    expect(all.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  test('referencedSecrets finds secretKeyRef, secretRef and secret volumes', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n' },
      spec: {
        volumes: [{ secret: { secretName: 'vol' } }],
        containers: [{ envFrom: [{ secretRef: { name: 'from' } }], env: [{ valueFrom: { secretKeyRef: { name: 'key', key: 'k' } } }] }],
      },
    };
    expect(referencedSecrets([pod])).toEqual(['n/from', 'n/key', 'n/vol']);
  });
});
