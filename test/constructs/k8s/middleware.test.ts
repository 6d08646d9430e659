import { spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import { at, find, Manifest, ofKind } from './fixtures';
import { describeShellcheck, shellScriptsIn } from '../../helpers/shellcheck';
import {
  NACOS_BOOTSTRAP_IMAGE,
  NACOS_MYSQL_TABLES,
  nacosBootstrapScript,
  nacosMysqlSchema,
  renderDatabasesScript,
  EMQX_IMAGE,
  Emqx,
  MYSQL_IMAGE,
  MySql,
  NACOS_IMAGE,
  Nacos,
  NacosMode,
  RABBITMQ_IMAGE,
  REDIS_AUTH_FILE,
  REDIS_AUTH_SCRIPT,
  REDIS_IMAGE,
  RabbitMq,
  Redis,
  SENTINEL_DASHBOARD_IMAGE,
  SentinelDashboard,
} from './helpers';

function chartIn(namespace?: string): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** One chart with every middleware at its defaults, synthesized once. */
const chart = chartIn('middleware');
const mysql = new MySql(chart, 'mysql', { credentialsSecretName: 'mysql-credentials' });
const redis = new Redis(chart, 'redis', { credentialsSecretName: 'redis-credentials' });
new RabbitMq(chart, 'rabbitmq', { credentialsSecretName: 'rabbitmq-credentials' });
new Nacos(chart, 'nacos', { credentialsSecretName: 'nacos-credentials' });
const sentinel = new SentinelDashboard(chart, 'sentinel', { credentialsSecretName: 'sentinel-credentials' });
new Emqx(chart, 'emqx', { credentialsSecretName: 'emqx-credentials' });
const objects = Testing.synth(chart) as Manifest[];

const container = (kind: string, name: string) => at(find(objects, kind, name), 'spec', 'template', 'spec', 'containers', 0);
const podSpec = (kind: string, name: string) => at(find(objects, kind, name), 'spec', 'template', 'spec');
const envOf = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

test('matches the snapshot', () => {
  expect(objects).toMatchSnapshot();
});

test.each([
  ['mysql', MYSQL_IMAGE, 999],
  ['redis', REDIS_IMAGE, 999],
  ['rabbitmq', RABBITMQ_IMAGE, 999],
  ['nacos', NACOS_IMAGE, 10001],
  ['emqx', EMQX_IMAGE, 1000],
])('%s: pinned default image, non-root UID, NAS claim, headless Service, ConfigMap', (name, image, uid) => {
  const sts = find(objects, 'StatefulSet', name);
  expect(container('StatefulSet', name).image).toBe(image);
  expect(podSpec('StatefulSet', name).securityContext).toMatchObject({ runAsUser: uid, fsGroup: uid, runAsNonRoot: true });
  expect(at(sts, 'spec', 'replicas')).toBe(1);
  expect(at(sts, 'spec', 'serviceName')).toBe(`${name}-headless`);
  expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'spec', 'storageClassName')).toBe('alicloud-nas');
  expect(at(find(objects, 'Service', `${name}-headless`), 'spec', 'clusterIP')).toBe('None');
  expect(find(objects, 'ConfigMap', `${name}-config`)).toBeDefined();
});

test('pinned images use real, versioned tags', () => {
  expect(MYSQL_IMAGE).toMatch(/^mysql:8\.0\.\d+$/);
  expect(REDIS_IMAGE).toMatch(/^redis:7\.\d+\.\d+$/);
  expect(RABBITMQ_IMAGE).toMatch(/^rabbitmq:3\.\d+\.\d+-management$/);
  expect(NACOS_IMAGE).toMatch(/^nacos\/nacos-server:v2\.\d+\.\d+$/);
  expect(EMQX_IMAGE).toMatch(/^emqx\/emqx:5\.\d+\.\d+$/);
  expect(SENTINEL_DASHBOARD_IMAGE).toMatch(/:1\.8\.\d+$/);
});

test('single replicas get neither PDB nor peer policy', () => {
  expect(ofKind(objects, 'PodDisruptionBudget')).toHaveLength(0);
  expect(ofKind(objects, 'NetworkPolicy')).toHaveLength(0);
});

test('MySQL: root password from the Secret, writable socket dir, buffer pool from the limit', () => {
  expect(envOf(container('StatefulSet', 'mysql')).MYSQL_ROOT_PASSWORD).toEqual({
    secretKeyRef: { name: 'mysql-credentials', key: 'mysql-root-password' },
  });
  expect(container('StatefulSet', 'mysql').volumeMounts).toContainEqual({ name: 'run', mountPath: '/var/run/mysqld' });
  expect(at(find(objects, 'ConfigMap', 'mysql-config'), 'data', 'custom.cnf')).toContain('innodb_buffer_pool_size = 1024M');
  expect(mysql.secretNames).toEqual(['mysql-credentials']);
});

test('Redis: password from a file the init container writes, never argv; probe via REDISCLI_AUTH; maxmemory from the limit', () => {
  const c = container('StatefulSet', 'redis');
  expect(c.command).toEqual(['redis-server', '/usr/local/etc/redis/redis.conf']);
  expect(c.args).toBeUndefined();
  expect(envOf(c)).toEqual({ REDISCLI_AUTH: { secretKeyRef: { name: 'redis-credentials', key: 'redis-password' } } });
  const conf = at(find(objects, 'ConfigMap', 'redis-config'), 'data', 'redis.conf');
  expect(conf).toContain('maxmemory 768mb');
  expect(conf).toContain(`include ${REDIS_AUTH_FILE}`);
  const [init] = podSpec('StatefulSet', 'redis').initContainers;
  expect(init).toMatchObject({
    name: 'auth',
    command: ['sh', '-c', REDIS_AUTH_SCRIPT],
    volumeMounts: [{ name: 'auth', mountPath: '/run/redis-auth' }],
  });
  expect(envOf(init)).toEqual({ REDIS_PASSWORD: { secretKeyRef: { name: 'redis-credentials', key: 'redis-password' } } });
  expect(c.volumeMounts).toContainEqual({ name: 'auth', mountPath: '/run/redis-auth', readOnly: true });
  expect(podSpec('StatefulSet', 'redis').volumes).toContainEqual({ name: 'auth', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } });
  expect(redis.port).toBe(6379);
});

test.each([
  ['plain', 's3cret-Pass', 'requirepass "s3cret-Pass"'],
  ['quotes, backslashes, spaces and $', 'a "b" \\c $HOME', 'requirepass "a \\"b\\" \\\\c $HOME"'],
])('Redis auth script writes a private requirepass line, %s', (_, password, line) => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-auth-'));
  try {
    const script = REDIS_AUTH_SCRIPT.replace(REDIS_AUTH_FILE, join(dir, 'auth.conf'));
    const run = spawnSync('sh', ['-c', script], { env: { PATH: process.env.PATH, REDIS_PASSWORD: password }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'auth.conf'), 'utf8')).toBe(`${line}\n`);
    expect(statSync(join(dir, 'auth.conf')).mode & 0o077).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Nacos standalone: auth on, Tomcat off the root FS, health probes', () => {
  const c = container('StatefulSet', 'nacos');
  expect(envOf(c)).toMatchObject({ MODE: 'standalone', NACOS_AUTH_ENABLE: 'true' });
  expect(envOf(c).MYSQL_SERVICE_HOST).toBeUndefined();
  expect(c.readinessProbe.httpGet.path).toBe('/nacos/v1/console/health/readiness');
  expect(at(find(objects, 'ConfigMap', 'nacos-config'), 'data', 'custom.properties')).toContain('server.tomcat.basedir=/tmp/tomcat');
});

test('Sentinel dashboard: one-replica Deployment on 8858 with credentials from the Secret', () => {
  const d = find(objects, 'Deployment', 'sentinel');
  expect(at(d, 'spec', 'replicas')).toBe(1);
  expect(container('Deployment', 'sentinel').image).toBe(SENTINEL_DASHBOARD_IMAGE);
  expect(envOf(container('Deployment', 'sentinel')).AUTH_PASSWORD).toEqual({
    secretKeyRef: { name: 'sentinel-credentials', key: 'sentinel-password' },
  });
  expect(sentinel.address).toBe('sentinel:8858');
});

describe('clustered middleware', () => {
  const c = chartIn('mw');
  new RabbitMq(c, 'mq', { credentialsSecretName: 's', replicas: 3 });
  new Nacos(c, 'nacos', { credentialsSecretName: 's', mode: NacosMode.CLUSTER, mysql: { host: 'mysql', database: 'nacos_config' } });
  new Emqx(c, 'emqx', { credentialsSecretName: 's', replicas: 2, storageClassName: 'local' });
  const o = Testing.synth(c) as Manifest[];

  test.each(['mq', 'nacos', 'emqx'])('%s has a PDB, a peer policy and Parallel start', (name) => {
    expect(at(find(o, 'PodDisruptionBudget', name), 'spec', 'maxUnavailable')).toBe(1);
    expect(find(o, 'NetworkPolicy', `${name}-peers`)).toBeDefined();
    expect(at(find(o, 'StatefulSet', name), 'spec', 'podManagementPolicy')).toBe('Parallel');
  });

  test('RabbitMQ lists every node in classic peer discovery', () => {
    const conf = at(find(o, 'ConfigMap', 'mq-config'), 'data', '30-platform.conf');
    expect(conf).toContain('cluster_formation.classic_config.nodes.3 = rabbit@mq-2.mq-headless.mw.svc.cluster.local');
  });

  test('Nacos writes cluster.conf and points at MySQL', () => {
    expect(at(find(o, 'ConfigMap', 'nacos-config'), 'data', 'cluster.conf')).toBe(
      'nacos-0.nacos-headless.mw.svc.cluster.local:8848\nnacos-1.nacos-headless.mw.svc.cluster.local:8848\nnacos-2.nacos-headless.mw.svc.cluster.local:8848\n',
    );
    const env = Object.fromEntries(
      at(find(o, 'StatefulSet', 'nacos'), 'spec', 'template', 'spec', 'containers', 0, 'env').map((e: any) => [e.name, e.value]),
    );
    expect(env).toMatchObject({ MODE: 'cluster', MYSQL_SERVICE_HOST: 'mysql', MYSQL_SERVICE_DB_NAME: 'nacos_config' });
  });

  test('EMQX discovers peers by DNS SRV and honours storageClassName', () => {
    expect(at(find(o, 'ConfigMap', 'emqx-config'), 'data', 'EMQX_CLUSTER__DISCOVERY_STRATEGY')).toBe('dns');
    expect(at(find(o, 'StatefulSet', 'emqx'), 'spec', 'volumeClaimTemplates', 0, 'spec', 'storageClassName')).toBe('local');
  });
});

describe('Nacos adminBootstrap', () => {
  const c = chartIn('mw');
  const nacos = new Nacos(c, 'nacos', { credentialsSecretName: 'nacos-credentials', adminBootstrap: {} });
  const o = Testing.synth(c) as Manifest[];
  const job = find(o, 'Job', 'nacos-bootstrap');
  const jc = at(job, 'spec', 'template', 'spec', 'containers', 0);

  test('a bounded Job on a pinned curl image, under the restricted profile, without probes', () => {
    expect(NACOS_BOOTSTRAP_IMAGE).toMatch(/^curlimages\/curl:8\.\d+\.\d+$/);
    expect(jc.image).toBe(NACOS_BOOTSTRAP_IMAGE);
    expect(at(job, 'spec')).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 1800, ttlSecondsAfterFinished: 86400 });
    expect(at(job, 'spec', 'template', 'spec')).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false });
    expect(jc.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(jc.resources).toEqual({
      requests: { cpu: '10m', memory: '16Mi', 'ephemeral-storage': '256Mi' },
      limits: { cpu: '100m', memory: '32Mi', 'ephemeral-storage': '2Gi' },
    });
    expect([jc.livenessProbe, jc.readinessProbe]).toEqual([undefined, undefined]);
  });

  test('the password only as a secretKeyRef, never in the manifest', () => {
    expect(envOf(jc).NACOS_ADMIN_PASSWORD).toEqual({ secretKeyRef: { name: 'nacos-credentials', key: 'nacos-admin-password' } });
    expect(envOf(jc)).toMatchObject({ NACOS_HOST: 'nacos', NACOS_PORT: '8848', NACOS_ADMIN_USER: 'nacos' });
    expect(nacos.secretNames).toEqual(['nacos-credentials']);
  });

  test('NetworkPolicies let the Job reach Nacos on 8848 and nothing else', () => {
    const jobPods = { 'app.kubernetes.io/name': 'nacos-bootstrap', 'app.kubernetes.io/instance': 'nacos-bootstrap' };
    const nacosPods = { 'app.kubernetes.io/name': 'nacos', 'app.kubernetes.io/instance': 'nacos' };
    expect(at(find(o, 'NetworkPolicy', 'nacos-bootstrap-egress'), 'spec')).toEqual({
      podSelector: { matchLabels: jobPods },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: nacosPods } }], ports: [{ port: 8848, protocol: 'TCP' }] }],
    });
    expect(at(find(o, 'NetworkPolicy', 'nacos-bootstrap-ingress'), 'spec')).toEqual({
      podSelector: { matchLabels: nacosPods },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: jobPods } }], ports: [{ port: 8848, protocol: 'TCP' }] }],
    });
  });

  test('another Secret and key can hold the password', () => {
    const other = chartIn('mw');
    const n = new Nacos(other, 'nacos', { credentialsSecretName: 'nacos-credentials', adminBootstrap: { secretName: 'admin', key: 'pw' } });
    const env = envOf(at(find(Testing.synth(other) as Manifest[], 'Job', 'nacos-bootstrap'), 'spec', 'template', 'spec', 'containers', 0));
    expect(env.NACOS_ADMIN_PASSWORD).toEqual({ secretKeyRef: { name: 'admin', key: 'pw' } });
    expect(n.secretNames).toEqual(['nacos-credentials', 'admin']);
  });

  /**
   * Runs the real script under sh against a fake curl that plays a Nacos: `version` 2.3 keeps the default user
   * until changed; 2.4 has no user until the admin endpoint creates one. Returns the exit code and the calls made.
   */
  function runScript(version: '2.3' | '2.4', stored: string | undefined): { status: number | null; calls: string[]; stored: string } {
    const dir = mkdtempSync(join(tmpdir(), 'nacos-bootstrap-'));
    try {
      if (stored !== undefined) writeFileSync(join(dir, 'password'), stored);
      writeFileSync(
        join(dir, 'curl'),
        `#!/bin/sh
url=""; body=""
for a in "$@"; do case "$a" in http*) url="$a";; esac; done
for a in "$@"; do case "$a" in *@-) body=$(cat);; esac; done
echo "$url" >> "${dir}/calls"
case "$url" in
  */health/readiness) exit 0;;
  */users/admin)
    if [ "${version}" = 2.4 ] && [ ! -f "${dir}/password" ]; then printf '%s' "$body" > "${dir}/password"; printf 200; else printf 404; fi;;
  */users/login)
    if [ -f "${dir}/password" ] && [ "$body" = "$(cat "${dir}/password")" ]; then echo '{"accessToken":"tok-1","tokenTtl":18000,"globalAdmin":true}'; else echo 'unknown user!'; fi;;
  *"/auth/users?accessToken=tok-1") printf '%s' "$body" > "${dir}/password";;
  *) exit 22;;
esac
`,
      );
      chmodSync(join(dir, 'curl'), 0o755);
      const env = {
        PATH: `${dir}:${process.env.PATH}`,
        NACOS_HOST: 'nacos',
        NACOS_PORT: '8848',
        NACOS_ADMIN_USER: 'nacos',
        NACOS_DEFAULT_PASSWORD: 'nacos',
        NACOS_ADMIN_PASSWORD: "s3cr'et&x=1",
      };
      const run = spawnSync('sh', ['-c', nacosBootstrapScript()], { env, input: '', encoding: 'utf8', timeout: 20000 });
      const read = (f: string) => {
        try {
          return readFileSync(join(dir, f), 'utf8');
        } catch {
          return '';
        }
      };
      return {
        status: run.status,
        calls: read('calls')
          .trim()
          .split('\n')
          .map((u) => u.replace('http://nacos:8848/nacos', '')),
        stored: read('password'),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('Nacos 2.3 on a new store: logs in with the default, PUTs the new password, verifies it', () => {
    const r = runScript('2.3', 'nacos');
    expect(r.status).toBe(0);
    expect(r.stored).toBe("s3cr'et&x=1");
    expect(r.calls).toEqual([
      '/v1/console/health/readiness',
      '/v1/auth/users/admin',
      '/v1/auth/users/login',
      '/v1/auth/users?accessToken=tok-1',
      '/v1/auth/users/login',
    ]);
  });

  test('idempotent: once the password is set, a re-run changes nothing and succeeds', () => {
    const r = runScript('2.3', "s3cr'et&x=1");
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c.startsWith('/v1/auth/users?'))).toEqual([]);
  });

  test('fails when neither the default nor the configured password logs in', () => {
    expect(runScript('2.3', 'someone-else').status).not.toBe(0);
  });

  test('Nacos 2.4 without a default user: initialises the admin through its endpoint', () => {
    const r = runScript('2.4', undefined);
    expect(r.status).toBe(0);
    expect(r.stored).toBe("s3cr'et&x=1");
  });
});

describe('MySQL init scripts and databases', () => {
  const c = chartIn('mw');
  const m = new MySql(c, 'mysql', {
    credentialsSecretName: 'mysql-credentials',
    databases: [
      { name: 'orders', password: { secretName: 'orders-db', key: 'password' } },
      { name: 'nacos', user: 'nacos', password: { secretName: 'mysql-credentials', key: 'nacos' } },
    ],
    initScripts: { '10-nacos.sql': nacosMysqlSchema('nacos') },
  });
  const o = Testing.synth(c) as Manifest[];
  const initdb = at(find(o, 'ConfigMap', 'mysql-initdb'), 'data');

  test('scripts in their own ConfigMap at /docker-entrypoint-initdb.d, outside the config checksum', () => {
    expect(Object.keys(initdb)).toEqual(['00-databases.sh', '10-nacos.sql']);
    expect(container('StatefulSet', 'mysql').volumeMounts).toBeDefined();
    const sts = find(o, 'StatefulSet', 'mysql');
    expect(at(sts, 'spec', 'template', 'spec', 'containers', 0, 'volumeMounts')).toContainEqual({
      name: 'initdb',
      mountPath: '/docker-entrypoint-initdb.d',
      readOnly: true,
    });
    expect(at(sts, 'spec', 'template', 'spec', 'volumes')).toContainEqual({ name: 'initdb', configMap: { name: 'mysql-initdb' } });
    // Same checksum as without scripts: editing them must not restart the database.
    const plain = chartIn('mw');
    new MySql(plain, 'mysql', { credentialsSecretName: 'mysql-credentials' });
    const checksum = (objs: Manifest[]) => at(find(objs, 'StatefulSet', 'mysql'), 'spec', 'template', 'metadata', 'annotations');
    expect(checksum(o)).toEqual(checksum(Testing.synth(plain) as Manifest[]));
  });

  test('passwords reach the script as secretKeyRef env vars; no password in the ConfigMap', () => {
    const env = envOf(at(find(o, 'StatefulSet', 'mysql'), 'spec', 'template', 'spec', 'containers', 0));
    expect(env.MYSQL_DB_PASSWORD_ORDERS).toEqual({ secretKeyRef: { name: 'orders-db', key: 'password' } });
    expect(env.MYSQL_DB_PASSWORD_NACOS).toEqual({ secretKeyRef: { name: 'mysql-credentials', key: 'nacos' } });
    expect(m.secretNames).toEqual(['mysql-credentials', 'orders-db']);
  });

  test('the databases script quotes any password safely and stops on an empty one', () => {
    const script = renderDatabasesScript([{ name: 'orders', password: { secretName: 's', key: 'k' } }]);
    const harness = 'mysql_note() { :; }; docker_process_sql() { cat; }; set -e; . "$0"';
    const dir = mkdtempSync(join(tmpdir(), 'mysql-init-'));
    try {
      writeFileSync(join(dir, 'init.sh'), script);
      const run = (pw: string) =>
        spawnSync('bash', ['-c', harness, join(dir, 'init.sh')], {
          env: { PATH: process.env.PATH, MYSQL_DB_PASSWORD_ORDERS: pw },
          encoding: 'utf8',
        });
      const ok = run("a'b\\c$(id)`x`");
      expect(ok.status).toBe(0);
      expect(ok.stdout).toContain("CREATE USER IF NOT EXISTS 'orders'@'%' IDENTIFIED BY 'a''b\\\\c$(id)`x`';");
      expect(ok.stdout).toContain("GRANT ALL PRIVILEGES ON `orders`.* TO 'orders'@'%';");
      expect(run('').status).not.toBe(0);
      // By hand on an existing server: no entrypoint helpers, so the mysql client over the socket, root password by env.
      writeFileSync(join(dir, 'mysql'), '#!/bin/sh\necho "mysql $* pwd=$MYSQL_PWD"; cat\n');
      chmodSync(join(dir, 'mysql'), 0o755);
      const env = { PATH: `${dir}:${process.env.PATH}`, MYSQL_ROOT_PASSWORD: 'root-pw', MYSQL_DB_PASSWORD_ORDERS: 'pw' };
      const byHand = spawnSync('bash', [join(dir, 'init.sh')], { env, encoding: 'utf8' });
      expect(byHand.status).toBe(0);
      expect(byHand.stdout).toContain('mysql -uroot --protocol=socket --database=mysql pwd=root-pw');
      expect(byHand.stdout).toContain("IDENTIFIED BY 'pw';");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the Nacos schema has every table Nacos 2.3 reads, in its database, and the default admin', () => {
    expect([...NACOS_MYSQL_TABLES].sort()).toEqual([
      'config_info',
      'config_info_aggr',
      'config_info_beta',
      'config_info_tag',
      'config_tags_relation',
      'group_capacity',
      'his_config_info',
      'permissions',
      'roles',
      'tenant_capacity',
      'tenant_info',
      'users',
    ]);
    expect(initdb['10-nacos.sql']).toMatch(/^-- .*mysql-schema\.sql\.\nUSE `nacos`;/);
    expect(initdb['10-nacos.sql']).toContain("INSERT IGNORE INTO `roles` (`username`, `role`) VALUES ('nacos', 'ROLE_ADMIN');");
    expect(() => nacosMysqlSchema('nacos; DROP')).toThrow(/- database:/);
  });

  test('without databases or scripts: no init ConfigMap, as before', () => {
    expect(objects.some((x) => x.metadata.name === 'mysql-initdb')).toBe(false);
  });
});

describe('middleware validation', () => {
  test.each<[string, (c: Chart) => unknown, string]>([
    ['mysql replicas', (c) => new MySql(c, 'm', { credentialsSecretName: 's', replicas: 2 }), 'replicas'],
    ['mysql latest', (c) => new MySql(c, 'm', { credentialsSecretName: 's', image: 'mysql:latest' }), 'image'],
    ['mysql secret', (c) => new MySql(c, 'm', { credentialsSecretName: 'S!' }), 'credentialsSecretName'],
    ['mysql size', (c) => new MySql(c, 'm', { credentialsSecretName: 's', storageSize: '20GB' }), 'storageSize'],
    ['redis replicas', (c) => new Redis(c, 'r', { credentialsSecretName: 's', replicas: 3 }), 'replicas'],
    ['redis policy', (c) => new Redis(c, 'r', { credentialsSecretName: 's', maxmemoryPolicy: 'lru' }), 'maxmemoryPolicy'],
    ['rabbitmq even', (c) => new RabbitMq(c, 'q', { credentialsSecretName: 's', replicas: 2 }), 'replicas'],
    ['nacos standalone replicas', (c) => new Nacos(c, 'n', { credentialsSecretName: 's', replicas: 3 }), 'replicas'],
    ['nacos cluster without mysql', (c) => new Nacos(c, 'n', { credentialsSecretName: 's', mode: NacosMode.CLUSTER }), 'mysql'],
    [
      'nacos bootstrap latest',
      (c) => new Nacos(c, 'n', { credentialsSecretName: 's', adminBootstrap: { image: 'curlimages/curl:latest' } }),
      'adminBootstrap.image',
    ],
    [
      'nacos bootstrap secret',
      (c) => new Nacos(c, 'n', { credentialsSecretName: 's', adminBootstrap: { secretName: 'S!' } }),
      'adminBootstrap.secretName',
    ],
    [
      'nacos bootstrap memory',
      (c) => new Nacos(c, 'n', { credentialsSecretName: 's', adminBootstrap: { resources: { memoryLimit: 'lots' } } }),
      'adminBootstrap.resources.memoryLimit',
    ],
    [
      'mysql init file kind',
      (c) => new MySql(c, 'm', { credentialsSecretName: 's', initScripts: { 'schema.txt': '' } }),
      'initScripts.schema.txt',
    ],
    [
      'mysql init before databases',
      (c) =>
        new MySql(c, 'm', {
          credentialsSecretName: 's',
          databases: [{ name: 'a', password: { secretName: 's', key: 'k' } }],
          initScripts: { '00-a.sql': '' },
        }),
      'initScripts.00-a.sql',
    ],
    [
      'mysql database name',
      (c) => new MySql(c, 'm', { credentialsSecretName: 's', databases: [{ name: 'a-b', password: { secretName: 's', key: 'k' } }] }),
      'databases\\[0\\].name',
    ],
    [
      'mysql user too long',
      (c) =>
        new MySql(c, 'm', {
          credentialsSecretName: 's',
          databases: [{ name: 'a', user: 'u'.repeat(33), password: { secretName: 's', key: 'k' } }],
        }),
      'databases\\[0\\].user',
    ],
    [
      'mysql shared user',
      (c) =>
        new MySql(c, 'm', {
          credentialsSecretName: 's',
          databases: [
            { name: 'a', user: 'u', password: { secretName: 's', key: 'k' } },
            { name: 'b', user: 'u', password: { secretName: 's', key: 'k' } },
          ],
        }),
      'databases\\[1\\].user',
    ],
    ['emqx untagged', (c) => new Emqx(c, 'e', { credentialsSecretName: 's', image: 'emqx/emqx' }), 'image'],
    ['sentinel latest', (c) => new SentinelDashboard(c, 's', { credentialsSecretName: 's', image: 'x:latest' }), 'image'],
  ])('rejects %s', (_n, fn, key) => {
    expect(() => fn(chartIn('ns'))).toThrow(new RegExp(`- ${key}:`));
  });

  test('a cluster needs a known namespace for its config files', () => {
    expect(() => new RabbitMq(chartIn(), 'q', { credentialsSecretName: 's', replicas: 3 })).toThrow(/- namespace:/);
    expect(() => new Nacos(chartIn(), 'n', { credentialsSecretName: 's', mode: NacosMode.CLUSTER, mysql: { host: 'mysql' } })).toThrow(
      /- namespace:/,
    );
  });
});

describeShellcheck("the middleware's container commands and probes (sh -c in the images), the Nacos admin bootstrap's too", () => {
  const withBootstrap = chartIn('bootstrap');
  new Nacos(withBootstrap, 'nacos', { credentialsSecretName: 'nacos-credentials', adminBootstrap: {} });
  return [...objects, ...(Testing.synth(withBootstrap) as Manifest[])].flatMap((o) =>
    shellScriptsIn(o, `${o.metadata.namespace}/${o.kind}/${o.metadata.name}`),
  );
});
