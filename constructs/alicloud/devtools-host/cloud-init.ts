/**
 * Pure rendering of the dev-tools host's user data: a `#cloud-config` document that mounts the
 * data disk at /srv (formatting it only when it is blank), installs Docker, generates the
 * secrets on the host, and starts GitLab CE, MantisBT + MariaDB and a TLS reverse proxy with
 * Docker Compose. No secret value is ever part of the output.
 */
import { stringify } from 'yaml';
import { ValidationIssue, Validator } from '../../core';

/** Container images, each pinned to an exact version (or digest). */
export interface DevToolsImages {
  /** GitLab CE (the Omnibus image), for example `gitlab/gitlab-ce:17.11.7-ce.0`. */
  readonly gitlab: string;
  /** MantisBT with PHP and Apache. */
  readonly mantis: string;
  /** MariaDB, MantisBT's database. */
  readonly mariadb: string;
  /** Caddy, the reverse proxy that terminates TLS for both hosts and routes by host name. */
  readonly proxy: string;
}

/** Pinned defaults; point them at a mirror (e.g. ACR) where Docker Hub is slow or unreachable. */
export const DEFAULT_DEVTOOLS_IMAGES: DevToolsImages = {
  gitlab: 'gitlab/gitlab-ce:17.11.7-ce.0',
  mantis: 'xlrl/mantisbt:2.27.3',
  mariadb: 'mariadb:11.4.5',
  proxy: 'caddy:2.8.4',
};

/** Everything the user data needs except the data disk's serial, which exists only at deploy time. */
export interface DevToolsCloudInitOptions {
  /** GitLab's external URL, `https://<host>`. */
  readonly gitlabUrl: string;
  /** MantisBT's URL, `https://<host>` (a different host from GitLab's). */
  readonly mantisUrl: string;
  /** Host port for Git over SSH (the host's own sshd keeps 22). */
  readonly gitSshPort: number;
  /** IANA time zone for MantisBT, for example `Asia/Shanghai`. */
  readonly timezone: string;
  /** The container images the host runs. */
  readonly images: DevToolsImages;
  /** When set, the proxy obtains certificates from Let's Encrypt with this contact address. */
  readonly acmeEmail?: string;
}

export interface DevToolsCloudInitSpec extends DevToolsCloudInitOptions {
  /** Serial of the data disk as the guest sees it: the ECS disk ID without its `d-` prefix. */
  readonly dataDiskSerial: string;
}

export const DATA_MOUNT_POINT = '/srv';
export const SECRETS_DIR = '/srv/secrets';
export const COMPOSE_DIR = '/etc/devtools';
/** The secrets generated on the host, by file name under {@link SECRETS_DIR}. */
export const SECRET_NAMES = ['gitlab_root_password', 'mantis_db_password', 'mariadb_root_password'] as const;
/** Ports 1-1023 include the host's sshd and the proxy; Git over SSH gets an unprivileged one. */
export const GIT_SSH_PORT_RANGE = { min: 1024, max: 65535 } as const;

const HOST_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Why `ref` is not a pinned image reference, or undefined when it is one. */
export function imageRefProblem(ref: string): string | undefined {
  if (ref.trim() === '' || /\s/.test(ref)) {
    return 'is not an image reference';
  }
  const at = ref.indexOf('@');
  if (at >= 0) {
    return /^sha256:[0-9a-f]{64}$/.test(ref.slice(at + 1)) ? undefined : 'has a malformed digest (expected @sha256:<64 hex digits>)';
  }
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  if (colon < 0) {
    return 'has no tag, so it means latest; pin an exact version (name:1.2.3) or a digest';
  }
  const tag = last.slice(colon + 1);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) {
    return 'has an invalid tag';
  }
  // A pin names at least major.minor: latest, stable, lts or a bare major version move under you.
  if (!/\d+\.\d+/.test(tag)) {
    return `has the floating tag ${tag}; pin an exact version such as 1.2.3`;
  }
  return undefined;
}

function httpsHost(url: string): string | undefined {
  const m = /^https:\/\/([^/:?#@]+)\/?$/.exec(url);
  return m && HOST_PATTERN.test(m[1]) ? m[1] : undefined;
}

/** Problems with the options, keyed by option name. */
export function devToolsCloudInitIssues(options: DevToolsCloudInitOptions): readonly ValidationIssue[] {
  const v = new Validator();
  const gitlabHost = httpsHost(options.gitlabUrl);
  const mantisHost = httpsHost(options.mantisUrl);
  for (const [key, url, host] of [
    ['gitlabUrl', options.gitlabUrl, gitlabHost],
    ['mantisUrl', options.mantisUrl, mantisHost],
  ] as const) {
    if (host === undefined) {
      v.add(key, url, 'must be https://<lowercase host name>, without port, path or query');
    }
  }
  if (gitlabHost !== undefined && gitlabHost === mantisHost) {
    v.add('mantisUrl', options.mantisUrl, 'uses the same host as gitlabUrl; the proxy routes by host name, so each needs its own');
  }
  const port = options.gitSshPort;
  if (!Number.isInteger(port) || port < GIT_SSH_PORT_RANGE.min || port > GIT_SSH_PORT_RANGE.max) {
    v.add('gitSshPort', port, `must be a port from ${GIT_SSH_PORT_RANGE.min} to ${GIT_SSH_PORT_RANGE.max} (22 stays with the host's sshd)`);
  }
  if (!/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(options.timezone)) {
    v.add('timezone', options.timezone, 'is not an IANA time zone such as Asia/Shanghai');
  }
  for (const [name, ref] of Object.entries(options.images)) {
    const problem = imageRefProblem(ref);
    if (problem) {
      v.add(`images.${name}`, ref, problem);
    }
  }
  if (options.acmeEmail !== undefined && !/^[^\s@'"]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(options.acmeEmail)) {
    v.add('acmeEmail', options.acmeEmail, 'is not an e-mail address');
  }
  return v.issues;
}

function dataDiskScript(serial: string): string {
  return `#!/bin/bash
# Mounts the data disk at ${DATA_MOUNT_POINT}. Formats it ONLY when blkid finds no signature at all
# (exit code 2): a disk carried over from a replaced instance is mounted as it is, never wiped.
set -euo pipefail
SERIAL='${serial}'
MOUNT_POINT="\${DEVTOOLS_MOUNT_POINT:-${DATA_MOUNT_POINT}}"
FSTAB="\${DEVTOOLS_FSTAB:-/etc/fstab}"
WAIT_SECONDS="\${DEVTOOLS_DISK_WAIT_SECONDS:-900}"

# The disk is attached after the instance starts, so wait for it. Match by serial (virtio and
# NVMe both report it), never by /dev/vdb-style names that depend on attach order.
find_disk() { lsblk -dnpo NAME,SERIAL | awk -v s="$SERIAL" '$2 == s { print $1; exit }'; }
dev="$(find_disk)"
waited=0
while [ -z "$dev" ] && [ "$waited" -lt "$WAIT_SECONDS" ]; do
  sleep 5
  waited=$((waited + 5))
  dev="$(find_disk)"
done
if [ -z "$dev" ]; then
  echo "devtools: no disk with serial $SERIAL appeared; refusing to continue" >&2
  exit 1
fi

set +e
blkid -p "$dev" >/dev/null 2>&1
probe=$?
set -e
if [ "$probe" -eq 2 ]; then
  mkfs.ext4 -q -L devtools-data "$dev"
elif [ "$probe" -ne 0 ]; then
  echo "devtools: blkid could not probe $dev (exit $probe); refusing to format it" >&2
  exit 1
fi

uuid="$(blkid -p -o value -s UUID "$dev")"
fstype="$(blkid -p -o value -s TYPE "$dev")"
if [ -z "$uuid" ] || [ -z "$fstype" ]; then
  echo "devtools: $dev has a signature but no mountable file system; refusing to touch it" >&2
  exit 1
fi
mkdir -p "$MOUNT_POINT"
grep -q "^UUID=$uuid " "$FSTAB" || echo "UUID=$uuid $MOUNT_POINT $fstype defaults,nofail 0 2" >> "$FSTAB"
mountpoint -q "$MOUNT_POINT" || mount "$MOUNT_POINT"
`;
}

const SECRETS_SCRIPT = `#!/bin/bash
# Generates each secret once, on the data disk, next to the data it protects (MariaDB and GitLab
# are initialised with them), so they survive instance replacement and never leave the host.
set -euo pipefail
DIR="\${DEVTOOLS_SECRETS_DIR:-${SECRETS_DIR}}"
umask 077
mkdir -p "$DIR"
chmod 0700 "$DIR"
for name in ${SECRET_NAMES.join(' ')}; do
  file="$DIR/$name"
  if [ ! -s "$file" ]; then
    openssl rand -hex 32 > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
  # Containers read these as non-root users; the 0700 directory keeps every host user but root out.
  chmod 0444 "$file"
done
`;

const BOOTSTRAP_SCRIPT = `#!/bin/bash
# One script, fail-closed: if the data disk cannot be mounted, nothing is generated or started
# on the system disk.
set -euo pipefail
/usr/local/sbin/devtools-data-disk
/usr/local/sbin/devtools-secrets
systemctl daemon-reload
systemctl enable docker
systemctl restart docker
docker compose -f ${COMPOSE_DIR}/docker-compose.yml up -d
`;

/** Literal blocks, never folded: scripts and Ruby config must keep their line breaks as written. */
const YAML_OPTIONS = { lineWidth: 0, blockQuote: 'literal' } as const;

/** Keeps Docker (and so every container) down until /srv is mounted, also on later boots. */
const DOCKER_DROP_IN = `[Unit]\nRequiresMountsFor=${DATA_MOUNT_POINT}\n`;

function gitlabOmnibusConfig(options: DevToolsCloudInitOptions): string {
  return [
    `external_url '${options.gitlabUrl.replace(/\/$/, '')}'`,
    // TLS ends at the proxy; GitLab's bundled nginx serves plain HTTP on the compose network.
    "nginx['listen_port'] = 80",
    "nginx['listen_https'] = false",
    "nginx['proxy_set_headers'] = { 'X-Forwarded-Proto' => 'https', 'X-Forwarded-Ssl' => 'on' }",
    "letsencrypt['enable'] = false",
    `gitlab_rails['gitlab_shell_ssh_port'] = ${options.gitSshPort}`,
    // Read from the compose secret at first reconfigure; the value itself is never in user data.
    "gitlab_rails['initial_root_password'] = File.read('/run/secrets/gitlab_root_password').strip",
    '',
  ].join('\n');
}

/** The docker-compose.yml document, as an object. */
export function devToolsCompose(options: DevToolsCloudInitOptions): Record<string, unknown> {
  const secret = (name: string) => ({ file: `${SECRETS_DIR}/${name}` });
  // Long port syntax: short `2222:22` strings read as base-60 numbers to YAML 1.1 parsers.
  const tcp = (published: number, target: number) => ({ target, published: String(published), protocol: 'tcp' });
  const proxyVolumes = [`${COMPOSE_DIR}/Caddyfile:/etc/caddy/Caddyfile:ro`, '/srv/caddy/data:/data', '/srv/caddy/config:/config'];
  if (options.acmeEmail === undefined) {
    proxyVolumes.push(`${SECRETS_DIR}/tls:/etc/caddy/tls:ro`);
  }
  return {
    name: 'devtools',
    services: {
      proxy: {
        image: options.images.proxy,
        restart: 'unless-stopped',
        ports: [tcp(80, 80), tcp(443, 443)],
        volumes: proxyVolumes,
        depends_on: ['gitlab', 'mantisbt'],
      },
      gitlab: {
        image: options.images.gitlab,
        restart: 'unless-stopped',
        hostname: httpsHost(options.gitlabUrl),
        shm_size: '256m',
        environment: { GITLAB_OMNIBUS_CONFIG: gitlabOmnibusConfig(options) },
        ports: [tcp(options.gitSshPort, 22)],
        volumes: ['/srv/gitlab/config:/etc/gitlab', '/srv/gitlab/logs:/var/log/gitlab', '/srv/gitlab/data:/var/opt/gitlab'],
        secrets: ['gitlab_root_password'],
      },
      mantisbt: {
        image: options.images.mantis,
        restart: 'unless-stopped',
        environment: {
          MANTIS_TIMEZONE: options.timezone,
          // The installer stays off; run it once with `MANTIS_ENABLE_ADMIN=1 docker compose up -d mantisbt`.
          MANTIS_ENABLE_ADMIN: '${MANTIS_ENABLE_ADMIN:-0}',
        },
        volumes: ['/srv/mantis/config:/var/www/html/config', '/srv/mantis/custom:/var/www/html/custom'],
        depends_on: ['mantis-db'],
      },
      'mantis-db': {
        image: options.images.mariadb,
        restart: 'unless-stopped',
        environment: {
          MARIADB_DATABASE: 'bugtracker',
          MARIADB_USER: 'mantisbt',
          MARIADB_PASSWORD_FILE: '/run/secrets/mantis_db_password',
          MARIADB_ROOT_PASSWORD_FILE: '/run/secrets/mariadb_root_password',
        },
        volumes: ['/srv/mantis/db:/var/lib/mysql'],
        secrets: ['mantis_db_password', 'mariadb_root_password'],
      },
    },
    secrets: Object.fromEntries(SECRET_NAMES.map((n) => [n, secret(n)])),
  };
}

/** The proxy's Caddyfile: one site per host, HTTP redirected to HTTPS by Caddy itself. */
export function devToolsCaddyfile(options: DevToolsCloudInitOptions): string {
  const site = (host: string, upstream: string) => {
    const tls = options.acmeEmail === undefined ? [`\ttls /etc/caddy/tls/${host}.crt /etc/caddy/tls/${host}.key`] : [];
    return [`${host} {`, ...tls, `\treverse_proxy ${upstream}`, '}'].join('\n');
  };
  const global = options.acmeEmail === undefined ? [] : [`{\n\temail ${options.acmeEmail}\n}`];
  return `${[...global, site(httpsHost(options.gitlabUrl) ?? '', 'gitlab:80'), site(httpsHost(options.mantisUrl) ?? '', 'mantisbt:80')].join('\n\n')}\n`;
}

/**
 * Renders the `#cloud-config` user data.
 * @throws ValidationError naming each bad option
 */
export function renderDevToolsCloudInit(spec: DevToolsCloudInitSpec): string {
  const v = new Validator();
  if (!/^[a-z0-9]{8,64}$/.test(spec.dataDiskSerial)) {
    v.add('dataDiskSerial', spec.dataDiskSerial, 'is not a disk serial (the disk ID without d-: lowercase letters and digits)');
  }
  v.addAll(devToolsCloudInitIssues(spec));
  v.throwIfAny('Invalid dev-tools cloud-init spec');

  const file = (path: string, content: string, permissions: string) => ({ path, content, owner: 'root:root', permissions });
  const document = {
    package_update: true,
    packages: ['docker.io', 'docker-compose-v2'],
    write_files: [
      file('/usr/local/sbin/devtools-data-disk', dataDiskScript(spec.dataDiskSerial), '0750'),
      file('/usr/local/sbin/devtools-secrets', SECRETS_SCRIPT, '0750'),
      file('/usr/local/sbin/devtools-bootstrap', BOOTSTRAP_SCRIPT, '0750'),
      file('/etc/systemd/system/docker.service.d/10-devtools-data.conf', DOCKER_DROP_IN, '0644'),
      file(`${COMPOSE_DIR}/docker-compose.yml`, stringify(devToolsCompose(spec), YAML_OPTIONS), '0644'),
      file(`${COMPOSE_DIR}/Caddyfile`, devToolsCaddyfile(spec), '0644'),
    ],
    runcmd: [['/usr/local/sbin/devtools-bootstrap']],
  };
  return `#cloud-config\n${stringify(document, YAML_OPTIONS)}`;
}
