/**
 * The etcd snapshot uploader, run for real with python3 against a local stand-in for the metadata
 * service and OSS that checks the request signature the way OSS does.
 */
import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { etcdBackupShippingPreInstall, renderEtcdRestoreScript, renderEtcdShipper } from '../../../constructs/kubekey';
import { issuesOf } from '../../helpers/issues';
import { describeShellcheck, shebangShell } from '../../helpers/shellcheck';

const OPTIONS = {
  bucket: 'acme-backups',
  endpoint: 'oss-cn-shenzhen-internal.aliyuncs.com',
  prefix: 'etcd/prod/',
  ramRoleName: 'platform-prod-nodes',
  backupDir: '/mnt/kube-data/etcd-backups',
};
const CREDS = { AccessKeyId: 'STS.id', AccessKeySecret: 'sts-secret', SecurityToken: 'sts-token' };
const PYTHON = spawnSync('sh', ['-c', 'command -v python3']).status === 0;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

async function runShipper(backupDir: string): Promise<{ status: number | null; stdout: string; stderr: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      if (req.url === '/latest/api/token' && req.method === 'PUT') {
        res.end('md-token');
        return;
      }
      if (req.url === '/latest/meta-data/ram/security-credentials/platform-prod-nodes') {
        res.statusCode = req.headers['x-aliyun-ecs-metadata-token'] === 'md-token' ? 200 : 401;
        res.end(res.statusCode === 200 ? JSON.stringify(CREDS) : '');
        return;
      }
      // OSS V1 signature over verb, Content-MD5, Content-Type, Date, x-oss-* headers and /bucket/key.
      const key = req.url!.slice(1);
      const toSign = [
        'PUT',
        req.headers['content-md5'],
        req.headers['content-type'],
        req.headers.date,
        `x-oss-security-token:${req.headers['x-oss-security-token']}`,
        `/acme-backups/${key}`,
      ].join('\n');
      const expected = `OSS ${CREDS.AccessKeyId}:${crypto.createHmac('sha1', CREDS.AccessKeySecret).update(toSign).digest('base64')}`;
      const md5 = crypto.createHash('md5').update(Buffer.concat(chunks)).digest('base64');
      res.statusCode = req.headers.authorization === expected && req.headers['content-md5'] === md5 ? 200 : 403;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const script = path.join(backupDir, '..', 'ship.py');
  fs.writeFileSync(script, renderEtcdShipper());
  const child = spawn('python3', [script], {
    env: {
      PATH: process.env.PATH,
      BACKUP_DIR: backupDir,
      OSS_BUCKET: OPTIONS.bucket,
      OSS_ENDPOINT: OPTIONS.endpoint,
      OSS_PREFIX: OPTIONS.prefix,
      RAM_ROLE: OPTIONS.ramRoleName,
      METADATA_URL: url,
      OSS_URL: url,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const status = await new Promise<number | null>((r) => child.on('close', r));
  server.close();
  return { status, stdout, stderr, seen };
}

function backupDirWith(snapshots: string[]): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-ship-'));
  const dir = path.join(root, 'backups');
  for (const s of snapshots) {
    fs.mkdirSync(path.join(dir, s), { recursive: true });
    fs.writeFileSync(path.join(dir, s, 'snapshot.db'), `snapshot ${s}`);
  }
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

(PYTHON ? describe : describe.skip)('etcd snapshot uploader (python3)', () => {
  test('uploads the newest snapshot under <prefix><hostname>/, signed with the role credentials from hardened metadata', async () => {
    const dir = backupDirWith(['etcd-2026-12-01-00-00-00', 'etcd-2026-12-07-10-00-00', 'etcd-2026-12-03-00-00-00']);
    const run = await runShipper(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.seen.map((s) => [s.method, s.url])).toEqual([
      ['PUT', '/latest/api/token'],
      ['GET', '/latest/meta-data/ram/security-credentials/platform-prod-nodes'],
      ['PUT', `/etcd/prod/${os.hostname()}/etcd-2026-12-07-10-00-00.db`],
    ]);
    expect(run.seen[2].body.toString()).toBe('snapshot etcd-2026-12-07-10-00-00');
    expect(run.stdout).toContain('HTTP 200');
  }, 30_000);

  test('with no snapshot yet it does nothing and succeeds', async () => {
    const run = await runShipper(backupDirWith([]));
    expect([run.status, run.seen]).toEqual([0, []]);
  }, 30_000);
});

describe('etcdBackupShippingPreInstall', () => {
  test('runs on the etcd hosts only and installs the uploader, its settings and a timer', () => {
    const entry = etcdBackupShippingPreInstall(OPTIONS);
    expect([entry.name, entry.role]).toEqual(['etcd-backup-shipping', 'etcd']);
    expect(entry.bash.startsWith('#!/bin/bash\n')).toBe(true);
    expect(entry.bash).toContain(`cat > '/usr/local/bin/etcd-backup-ship' <<'SHIPPER'\n${renderEtcdShipper()}SHIPPER\n`);
    expect(entry.bash).toContain(
      'OSS_BUCKET=acme-backups\nOSS_ENDPOINT=oss-cn-shenzhen-internal.aliyuncs.com\nOSS_PREFIX=etcd/prod/\nRAM_ROLE=platform-prod-nodes\n',
    );
    expect(entry.bash).toContain('OnCalendar=*-*-* *:10:00\n');
    expect(entry.bash).toContain('systemctl enable --now etcd-backup-ship.timer\n');
    expect(spawnSync('bash', ['-n'], { input: entry.bash }).status).toBe(0);
  });

  test('refuses values that would break out of the script', () => {
    expect(
      issuesOf(() => etcdBackupShippingPreInstall({ ...OPTIONS, bucket: "a'b", prefix: 'etcd/prod', onCalendar: '$(reboot)' })).map(
        ([k]) => k,
      ),
    ).toEqual(['bucket', 'prefix', 'onCalendar']);
  });
});

describe('renderEtcdRestoreScript', () => {
  function fakeHost(etcdActive: boolean) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'etcd-restore-'));
    const bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    const log = path.join(root, 'etcdctl.log');
    // etcdctl: records its arguments and creates the data directory it was asked for.
    fs.writeFileSync(
      path.join(bin, 'etcdctl'),
      `#!/bin/bash\necho "$@" > '${log}'\nwhile [ $# -gt 0 ]; do [ "$1" = --data-dir ] && mkdir -p "$2/member"; shift; done\n`,
      { mode: 0o755 },
    );
    fs.writeFileSync(path.join(bin, 'systemctl'), `#!/bin/bash\nexit ${etcdActive ? 0 : 3}\n`, { mode: 0o755 });
    const dataDir = path.join(root, 'etcd');
    fs.mkdirSync(path.join(dataDir, 'member'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'member', 'old'), 'old');
    const envFile = path.join(root, 'etcd.env');
    fs.writeFileSync(
      envFile,
      `ETCD_DATA_DIR=${dataDir}\nETCD_NAME=etcd-prod-cp-1\nETCD_INITIAL_CLUSTER=etcd-prod-cp-1=https://10.20.0.10:2380,etcd-prod-cp-2=https://10.20.0.11:2380\nETCD_INITIAL_CLUSTER_TOKEN=k8s_etcd\nETCD_INITIAL_ADVERTISE_PEER_URLS=https://10.20.0.10:2380\n`,
    );
    const script = path.join(root, 'restore.sh');
    fs.writeFileSync(script, renderEtcdRestoreScript(), { mode: 0o755 });
    const run = () =>
      spawnSync('bash', [script, '/backups/snapshot.db'], {
        encoding: 'utf8',
        env: { PATH: `${bin}:${process.env.PATH}`, ETCD_ENV_FILE: envFile },
      });
    return { root, dataDir, log, run };
  }

  test("restores with the member's own identity from etcd.env and keeps the old data directory", () => {
    const host = fakeHost(false);
    const r = host.run();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(host.log, 'utf8').trim()).toMatch(
      /^snapshot restore \/backups\/snapshot\.db --name etcd-prod-cp-1 --initial-cluster etcd-prod-cp-1=https:\/\/10\.20\.0\.10:2380,etcd-prod-cp-2=https:\/\/10\.20\.0\.11:2380 --initial-cluster-token k8s_etcd --initial-advertise-peer-urls https:\/\/10\.20\.0\.10:2380 --data-dir .*\/etcd\.restored-\d+$/,
    );
    expect(fs.existsSync(path.join(host.dataDir, 'member', 'old'))).toBe(false);
    const kept = fs.readdirSync(host.root).filter((f) => f.startsWith('etcd.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(path.join(host.root, kept[0], 'member', 'old'), 'utf8')).toBe('old');
  });

  test('refuses to run while etcd is running, touching nothing', () => {
    const host = fakeHost(true);
    const r = host.run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('stop etcd on EVERY member first');
    expect(fs.existsSync(host.log)).toBe(false);
    expect(fs.readFileSync(path.join(host.dataDir, 'member', 'old'), 'utf8')).toBe('old');
  });
});

describeShellcheck('the etcd backup shipping pre-install script and the restore script it installs (their #! lines: bash)', () =>
  [
    ['etcd-backup-shipping', etcdBackupShippingPreInstall(OPTIONS).bash],
    ['etcd-restore-member', renderEtcdRestoreScript()],
  ].map(([name, text]) => ({ name, text, shell: shebangShell(text) ?? 'sh' })),
);
