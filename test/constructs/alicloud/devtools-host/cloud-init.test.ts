import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { DEFAULT_DEVTOOLS_IMAGES, devToolsCloudInitIssues } from '../../../../constructs/alicloud/plan';
import {
  DevToolsCloudInitSpec,
  SECRET_NAMES,
  imageRefProblem,
  renderDevToolsCloudInit,
} from '../../../../constructs/alicloud/devtools-host/cloud-init';
import { ValidationError } from '../../../../constructs/core/validation';
import { describeShellcheck, shellScriptsIn } from '../../../helpers/shellcheck';

const SPEC: DevToolsCloudInitSpec = {
  dataDiskSerial: 'bp1abcdef0123456789a',
  gitlabUrl: 'https://git.example.com',
  mantisUrl: 'https://bugs.example.com',
  gitSshPort: 2222,
  timezone: 'Asia/Shanghai',
  images: DEFAULT_DEVTOOLS_IMAGES,
};

interface WriteFile {
  path: string;
  content: string;
  permissions: string;
}
interface CloudConfig {
  packages: string[];
  write_files: WriteFile[];
  runcmd: string[][];
}
interface Compose {
  services: Record<
    string,
    { image: string; restart: string; ports?: unknown[]; volumes?: string[]; environment?: Record<string, string>; secrets?: string[] }
  >;
  secrets: Record<string, { file: string }>;
}

function render(spec: DevToolsCloudInitSpec = SPEC): {
  text: string;
  doc: CloudConfig;
  files: Record<string, WriteFile>;
  compose: Compose;
} {
  const text = renderDevToolsCloudInit(spec);
  const doc = parse(text) as CloudConfig;
  const files = Object.fromEntries(doc.write_files.map((f) => [f.path, f]));
  const compose = parse(files['/etc/devtools/docker-compose.yml'].content) as Compose;
  return { text, doc, files, compose };
}

describe('renderDevToolsCloudInit', () => {
  test('is a #cloud-config document that installs Docker and runs one fail-closed bootstrap', () => {
    const { text, doc, files } = render();
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect(doc.packages).toEqual(['docker.io', 'docker-compose-v2']);
    expect(doc.runcmd).toEqual([['/usr/local/sbin/devtools-bootstrap']]);
    const bootstrap = files['/usr/local/sbin/devtools-bootstrap'].content;
    expect(bootstrap).toContain('set -euo pipefail');
    expect(bootstrap.indexOf('devtools-data-disk')).toBeLessThan(bootstrap.indexOf('devtools-secrets'));
    expect(bootstrap.indexOf('devtools-secrets')).toBeLessThan(bootstrap.indexOf('docker compose'));
    expect(files['/etc/systemd/system/docker.service.d/10-devtools-data.conf'].content).toContain('RequiresMountsFor=/srv');
    for (const script of ['devtools-data-disk', 'devtools-secrets', 'devtools-bootstrap']) {
      const content = files[`/usr/local/sbin/${script}`].content;
      expect(spawnSync('bash', ['-n'], { input: content }).status).toBe(0);
      expect(files[`/usr/local/sbin/${script}`].permissions).toBe('0750');
    }
  });

  test('composes GitLab, MantisBT, MariaDB and the proxy from pinned images, data under /srv, restart unless-stopped', () => {
    const { compose } = render();
    expect(Object.keys(compose.services).sort()).toEqual(['gitlab', 'mantis-db', 'mantisbt', 'proxy']);
    expect(Object.fromEntries(Object.entries(compose.services).map(([k, s]) => [k, s.image]))).toEqual({
      proxy: 'caddy:2.8.4',
      gitlab: 'gitlab/gitlab-ce:17.11.7-ce.0',
      mantisbt: 'xlrl/mantisbt:2.27.3',
      'mantis-db': 'mariadb:11.4.5',
    });
    for (const service of Object.values(compose.services)) {
      expect(service.restart).toBe('unless-stopped');
      expect(imageRefProblem(service.image)).toBeUndefined();
      for (const volume of service.volumes ?? []) {
        const hostPath = volume.split(':')[0];
        expect(hostPath.startsWith('/srv/') || hostPath === '/etc/devtools/Caddyfile').toBe(true);
      }
    }
    expect(compose.services.gitlab.ports).toEqual([{ target: 22, published: '2222', protocol: 'tcp' }]);
    expect(compose.services.proxy.ports).toEqual([
      { target: 80, published: '80', protocol: 'tcp' },
      { target: 443, published: '443', protocol: 'tcp' },
    ]);
    // Only the proxy and Git over SSH publish ports; Mantis and its database stay internal.
    expect(compose.services.mantisbt.ports).toBeUndefined();
    expect(compose.services['mantis-db'].ports).toBeUndefined();
    const omnibus = compose.services.gitlab.environment?.GITLAB_OMNIBUS_CONFIG ?? '';
    expect(omnibus).toContain("external_url 'https://git.example.com'");
    expect(omnibus).toContain("gitlab_rails['gitlab_shell_ssh_port'] = 2222");
    expect(omnibus).toContain("File.read('/run/secrets/gitlab_root_password')");
  });

  test('takes secrets from files generated on the host, never from the user data', () => {
    const { text, compose, files } = render();
    expect(compose.secrets).toEqual(Object.fromEntries(SECRET_NAMES.map((n) => [n, { file: `/srv/secrets/${n}` }])));
    expect(compose.services['mantis-db'].environment).toMatchObject({
      MARIADB_PASSWORD_FILE: '/run/secrets/mantis_db_password',
      MARIADB_ROOT_PASSWORD_FILE: '/run/secrets/mariadb_root_password',
    });
    expect(compose.services['mantis-db'].environment?.MARIADB_PASSWORD).toBeUndefined();
    expect(files['/usr/local/sbin/devtools-secrets'].content).toContain('openssl rand -hex 32');
    // No password-looking value anywhere: no long hex or base64 runs, no password assignment.
    expect(text).not.toMatch(/[0-9a-f]{32,}/);
    expect(text).not.toMatch(/[A-Za-z0-9+/]{40,}={0,2}/);
    expect(text).not.toMatch(/PASSWORD[ \t]*[:=][ \t]*[^\s/]/i);
  });

  test.each([
    [
      'files (no ACME e-mail)',
      undefined,
      [/tls \/etc\/caddy\/tls\/git\.example\.com\.crt/, /reverse_proxy gitlab:80/, /bugs\.example\.com \{/],
      /email/,
    ],
    ["Let's Encrypt", 'ops@example.com', [/email ops@example\.com/, /reverse_proxy mantisbt:80/], /tls \//],
  ])('writes a Caddyfile for certificates from %s', (_label, acmeEmail, present, absent) => {
    const { files, compose } = render({ ...SPEC, acmeEmail });
    const caddyfile = files['/etc/devtools/Caddyfile'].content;
    for (const pattern of present) {
      expect(caddyfile).toMatch(pattern);
    }
    expect(caddyfile).not.toMatch(absent);
    expect(compose.services.proxy.volumes?.includes('/srv/secrets/tls:/etc/caddy/tls:ro')).toBe(acmeEmail === undefined);
  });

  test('renders the disk serial and a no-reformat guard into the data-disk script', () => {
    const script = render().files['/usr/local/sbin/devtools-data-disk'].content;
    expect(script).toContain("SERIAL='bp1abcdef0123456789a'");
    expect(script).toMatch(/if \[ "\$probe" -eq 2 \]; then\n\s+mkfs\.ext4/);
    expect(script.match(/mkfs/g)).toHaveLength(1);
    expect(script).toContain('/etc/fstab');
  });

  test.each<[string, Partial<DevToolsCloudInitSpec>, string]>([
    ['a serial with the d- prefix', { dataDiskSerial: 'd-bp1abc12345' }, 'dataDiskSerial'],
    ['a serial with shell characters', { dataDiskSerial: "x'; rm -rf /" }, 'dataDiskSerial'],
    ['an http GitLab URL', { gitlabUrl: 'http://git.example.com' }, 'gitlabUrl'],
    ['a GitLab URL with a path', { gitlabUrl: 'https://example.com/gitlab' }, 'gitlabUrl'],
    ['a Mantis URL with a port', { mantisUrl: 'https://bugs.example.com:8443' }, 'mantisUrl'],
    ['the same host twice', { mantisUrl: 'https://git.example.com/' }, 'mantisUrl'],
    ['a privileged Git SSH port', { gitSshPort: 22 }, 'gitSshPort'],
    ['a port above 65535', { gitSshPort: 70000 }, 'gitSshPort'],
    ['a bad time zone', { timezone: 'Shanghai; reboot' }, 'timezone'],
    ['a latest image', { images: { ...DEFAULT_DEVTOOLS_IMAGES, gitlab: 'gitlab/gitlab-ce:latest' } }, 'images.gitlab'],
    ['an untagged image', { images: { ...DEFAULT_DEVTOOLS_IMAGES, mariadb: 'mariadb' } }, 'images.mariadb'],
    ['a bad ACME e-mail', { acmeEmail: 'ops' }, 'acmeEmail'],
  ])('refuses %s', (_label, override, key) => {
    let error: unknown;
    try {
      renderDevToolsCloudInit({ ...SPEC, ...override });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.key)).toEqual([key]);
  });

  test('collects every problem in one error', () => {
    const issues = devToolsCloudInitIssues({
      ...SPEC,
      gitlabUrl: 'git',
      mantisUrl: 'bugs',
      gitSshPort: 0,
      images: { ...SPEC.images, proxy: 'caddy' },
    });
    expect(issues.map((i) => i.key)).toEqual(['gitlabUrl', 'mantisUrl', 'gitSshPort', 'images.proxy']);
  });
});

describe('imageRefProblem', () => {
  test.each([
    ['gitlab/gitlab-ce:17.11.7-ce.0', undefined],
    ['registry.cn-shenzhen.aliyuncs.com/acme/mariadb:11.4.5', undefined],
    ['localhost:5000/caddy:2.8.4', undefined],
    [`mariadb@sha256:${'a'.repeat(64)}`, undefined],
    ['mariadb', /no tag/],
    ['localhost:5000/caddy', /no tag/],
    ['mariadb:latest', /floating tag latest/],
    ['caddy:stable', /floating tag stable/],
    ['mariadb:11', /floating tag 11/],
    ['mariadb:', /invalid tag/],
    ['mariadb@sha256:abc', /malformed digest/],
    ['', /not an image reference/],
    ['maria db:1.2', /not an image reference/],
  ])('%s', (ref, expected) => {
    const problem = imageRefProblem(ref);
    if (expected === undefined) {
      expect(problem).toBeUndefined();
    } else {
      expect(problem).toMatch(expected);
    }
  });
});

/** Runs the rendered host scripts with stubbed disk tools, to check what they would do to a disk. */
describe('data-disk and secrets scripts (stubbed tools)', () => {
  let dir: string;
  const stub = (name: string, body: string) => {
    writeFileSync(join(dir, 'bin', name), `#!/bin/bash\necho "${name} $*" >> "$DT_LOG"\n${body}\n`);
    chmodSync(join(dir, 'bin', name), 0o755);
  };
  const script = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, render().files[`/usr/local/sbin/${name}`].content);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'devtools-'));
    spawnSync('mkdir', ['-p', join(dir, 'bin'), join(dir, 'state')]);
    writeFileSync(join(dir, 'fstab'), '');
    stub('lsblk', 'echo "/dev/vda other"\n[ "$DT_DISK" = present ] && echo "/dev/vdb bp1abcdef0123456789a"\nexit 0');
    stub(
      'blkid',
      [
        'fs="$DT_STATE/fs"',
        'case "$*" in',
        '  *"-s UUID"*) [ -f "$fs" ] && cut -d" " -f1 "$fs"; exit 0 ;;',
        '  *"-s TYPE"*) [ -f "$fs" ] && cut -d" " -f2 "$fs"; exit 0 ;;',
        '  *) [ -f "$fs" ] && exit 0; exit "${DT_PROBE_RC:-2}" ;;',
        'esac',
      ].join('\n'),
    );
    stub('mkfs.ext4', 'echo "1111-new ext4" > "$DT_STATE/fs"');
    stub('mountpoint', 'exit 1');
    stub('mount', 'exit 0');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runDisk(env: Record<string, string>): { status: number | null; log: string; fstab: string } {
    const result = spawnSync('bash', [script('devtools-data-disk')], {
      env: {
        PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
        DT_LOG: join(dir, 'log'),
        DT_STATE: join(dir, 'state'),
        DEVTOOLS_FSTAB: join(dir, 'fstab'),
        DEVTOOLS_MOUNT_POINT: join(dir, 'srv'),
        DEVTOOLS_DISK_WAIT_SECONDS: '0',
        DT_DISK: 'present',
        ...env,
      },
    });
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    return { status: result.status, log, fstab: readFileSync(join(dir, 'fstab'), 'utf8') };
  }

  test.each<[string, Record<string, string>, string | undefined, number, boolean, RegExp | undefined]>([
    ['formats a blank disk (blkid exit 2) and mounts it', {}, undefined, 0, true, /^UUID=1111-new \S+ ext4 defaults,nofail 0 2$/m],
    ['keeps an ext4 file system from a replaced instance', {}, '2222-old ext4', 0, false, /^UUID=2222-old \S+ ext4 /m],
    ['keeps an xfs file system too', {}, '3333-old xfs', 0, false, /^UUID=3333-old \S+ xfs /m],
    ['refuses when blkid fails to probe', { DT_PROBE_RC: '4' }, undefined, 1, false, undefined],
    ['refuses a disk with a signature but no file system', { DT_PROBE_RC: '0' }, undefined, 1, false, undefined],
    ['refuses when the disk never appears', { DT_DISK: 'absent' }, undefined, 1, false, undefined],
  ])('%s', (_label, env, existingFs, status, formatted, fstabLine) => {
    if (existingFs !== undefined) {
      writeFileSync(join(dir, 'state', 'fs'), `${existingFs}\n`);
    }
    const result = runDisk(env);
    expect(result.status).toBe(status);
    expect(result.log.includes('mkfs.ext4')).toBe(formatted);
    if (formatted) {
      expect(result.log).toContain('mkfs.ext4 -q -L devtools-data /dev/vdb');
    }
    if (fstabLine) {
      expect(result.fstab).toMatch(fstabLine);
      expect(result.log).toMatch(/^mount /m);
    } else {
      expect(result.fstab).toBe('');
      expect(result.log).not.toMatch(/^mount /m);
    }
  });

  test('a second run neither formats again nor duplicates the fstab entry', () => {
    expect(runDisk({}).status).toBe(0);
    const second = runDisk({});
    expect(second.status).toBe(0);
    expect(second.log.match(/mkfs\.ext4/g)).toHaveLength(1);
    expect(second.fstab.trim().split('\n')).toHaveLength(1);
  });

  test('secrets are generated once, 256-bit, readable only through a root-only directory', () => {
    const secrets = join(dir, 'secrets');
    const run = () =>
      spawnSync('bash', [script('devtools-secrets')], { env: { PATH: process.env.PATH ?? '', DEVTOOLS_SECRETS_DIR: secrets } });
    expect(run().status).toBe(0);
    const first = SECRET_NAMES.map((n) => readFileSync(join(secrets, n), 'utf8'));
    expect(first.every((s) => /^[0-9a-f]{64}\n$/.test(s))).toBe(true);
    expect(new Set(first).size).toBe(SECRET_NAMES.length);
    expect(statSync(secrets).mode & 0o777).toBe(0o700);
    expect(SECRET_NAMES.every((n) => (statSync(join(secrets, n)).mode & 0o777) === 0o444)).toBe(true);
    expect(run().status).toBe(0);
    expect(SECRET_NAMES.map((n) => readFileSync(join(secrets, n), 'utf8'))).toEqual(first);
  });
});

describeShellcheck("the dev-tools host's cloud-init scripts (their #! lines)", () =>
  (parse(renderDevToolsCloudInit(SPEC)) as CloudConfig).write_files.flatMap((w) => shellScriptsIn(w.content, w.path)),
);
