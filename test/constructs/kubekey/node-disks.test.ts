import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { NodeDataDiskOptions, nodeDataDiskIssues, nodeDataDiskPreInstall, renderNodeDataDiskScript } from '../../../constructs/kubekey';
import { bindSourceName } from '../../../constructs/kubekey/node-disks';
import { ValidationError } from '../../../constructs/core/validation';
import { describeShellcheck, shebangShell } from '../../helpers/shellcheck';

describe('renderNodeDataDiskScript', () => {
  test('is a fail-closed bash script KubeKey runs as a file', () => {
    const script = renderNodeDataDiskScript();
    expect(script.startsWith('#!/bin/bash\n')).toBe(true);
    // KubeKey copies a script to the host and runs it with /bin/bash only when its first line break
    // is past position 0 (customscripts/tasks.go); otherwise it runs the text as one sudo command.
    expect(script.indexOf('\n')).toBeGreaterThan(0);
    expect(script).toContain('\nset -euo pipefail\n');
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
    expect(script.match(/mkfs\.ext4 /g)).toHaveLength(1);
    expect(script).toContain("LABEL='kube-data'");
    expect(script).toContain("  '/var/openebs/local|var-openebs-local'\n  '/var/lib/containerd|var-lib-containerd'\n");
    expect(script).toContain('RequiresMountsFor=/var/openebs/local /var/lib/containerd');
    expect(script).toContain('# these directories onto it: /var/openebs/local /var/lib/containerd\n');
  });

  test('options change the label, mount point, paths and services', () => {
    const script = renderNodeDataDiskScript({
      label: 'data',
      mountPoint: '/data',
      paths: ['/data-openebs', '/var/lib/docker'],
      services: ['docker.service'],
    });
    expect(script).toContain("LABEL='data'");
    expect(script).toContain('MOUNT_POINT="$ROOT/data"');
    expect(script).toContain("  '/data-openebs|data-openebs'\n  '/var/lib/docker|var-lib-docker'\n");
    expect(script).toContain('services=(docker.service)\nfor service in "${services[@]}"; do');
    expect(spawnSync('bash', ['-n'], { input: script }).status).toBe(0);
    const noServices = renderNodeDataDiskScript({ services: [] });
    expect(noServices).not.toContain('RequiresMountsFor');
    expect(noServices).toContain('systemctl daemon-reload');
    expect(spawnSync('bash', ['-n'], { input: noServices }).status).toBe(0);
  });

  test('as a preInstall entry: one name, no role (every host), no materials', () => {
    expect(nodeDataDiskPreInstall()).toEqual({ name: 'node-data-disk', bash: renderNodeDataDiskScript() });
  });

  test.each([
    ['/var/lib/containerd', 'var-lib-containerd'],
    ['/var/openebs/local', 'var-openebs-local'],
  ])('bindSourceName(%s) = %s', (path, name) => {
    expect(bindSourceName(path)).toBe(name);
  });

  test.each<[string, NodeDataDiskOptions, string[]]>([
    ['a label over 16 characters', { label: 'kubernetes-data-disk' }, ['label']],
    ['a label with a space', { label: "a b'" }, ['label']],
    ['a label KubeKey would comment out (swap)', { label: 'noswap' }, ['label']],
    ['a relative mount point', { mountPoint: 'mnt/data' }, ['mountPoint']],
    ['a mount point with a trailing slash', { mountPoint: '/mnt/data/' }, ['mountPoint']],
    ['the root as mount point', { mountPoint: '/' }, ['mountPoint']],
    ['/etc as mount point', { mountPoint: '/etc' }, ['mountPoint']],
    ['a path with shell characters', { paths: ["/var/lib/x'; rm -rf /"] }, ['paths[0]']],
    ['a path with ..', { paths: ['/var/lib/../etc'] }, ['paths[0]']],
    ['no paths', { paths: [] }, ['paths']],
    ['a path under the mount point', { paths: ['/mnt/kube-data/x'] }, ['paths[0]']],
    ['a path containing the mount point', { mountPoint: '/var/lib/containerd/data' }, ['paths[1]']],
    ['nested paths', { paths: ['/var/lib', '/var/lib/containerd'] }, ['paths[1]']],
    ['the same path twice', { paths: ['/var/lib/containerd', '/var/lib/containerd'] }, ['paths[1]']],
    ['two paths backed by one directory', { paths: ['/a-b', '/a/b'] }, ['paths[1]']],
    ['a path with swap in it', { paths: ['/var/swapfiles'] }, ['paths[0]']],
    ['a service without .service', { services: ['containerd'] }, ['services[0]']],
    ['a repeated service', { services: ['kubelet.service', 'kubelet.service'] }, ['services[1]']],
  ])('refuses %s', (_label, options, keys) => {
    expect(nodeDataDiskIssues(options).map((i) => i.key)).toEqual(keys);
    expect(() => renderNodeDataDiskScript(options)).toThrow(ValidationError);
  });

  test('the defaults are valid', () => {
    expect(nodeDataDiskIssues()).toEqual([]);
  });
});

/**
 * Runs the rendered script with bash against stubbed disk tools on PATH, to check what it would do
 * to the disks. The stubs keep their state in files: which disks exist, what each one holds, what
 * is mounted.
 */
describe('the script on a node (stubbed lsblk, blkid, mkfs.ext4, mount)', () => {
  let dir: string;
  const state = (...parts: string[]) => join(dir, 'state', ...parts);
  const root = (...parts: string[]) => join(dir, 'root', ...parts);
  const stub = (name: string, body: string) => {
    writeFileSync(join(dir, 'bin', name), `#!/bin/bash\necho "${name} $*" >> "$ND_LOG"\nS="$ND_STATE"\n${body}\n`);
    chmodSync(join(dir, 'bin', name), 0o755);
  };
  const dev = (name: string) => name.replace(/^\/dev\//, '');

  /** A disk: its whole-device TYPE, partitions under it, and what blkid finds on it (`<type> <label>`). */
  function disk(name: string, opts: { type?: string; children?: string[]; fs?: string; probeRc?: number } = {}) {
    writeFileSync(state('disks'), `${readFileSync(state('disks'), 'utf8')}${name} ${opts.type ?? 'disk'}\n`);
    writeFileSync(state('children', dev(name)), (opts.children ?? []).map((c) => `${c}\n`).join(''));
    if (opts.fs !== undefined) {
      writeFileSync(state('fs', dev(name)), `${opts.fs}\n`);
    }
    if (opts.probeRc !== undefined) {
      writeFileSync(state('rc', dev(name)), String(opts.probeRc));
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'node-disks-'));
    for (const d of ['bin', 'state/children', 'state/fs', 'state/rc', 'root/etc']) {
      mkdirSync(join(dir, d), { recursive: true });
    }
    writeFileSync(state('disks'), '');
    writeFileSync(state('mounted'), '');
    writeFileSync(state('root-chain'), '/dev/vda1 part\n/dev/vda disk\n');
    writeFileSync(root('etc', 'fstab'), 'UUID=1234 / ext4 defaults 0 1\n');
    stub('findmnt', '[ "$*" = "-nvo SOURCE /" ] || exit 1\nhead -1 "$S/root-chain" | cut -d" " -f1');
    stub(
      'lsblk',
      [
        'case "$1" in',
        '  -dpno) cat "$S/disks" ;;',
        '  -nslpo) cat "$S/root-chain" ;;',
        '  -nlpo) echo "$3"; cat "$S/children/$(basename "$3")" ;;',
        '  *) exit 1 ;;',
        'esac',
      ].join('\n'),
    );
    stub(
      'blkid',
      [
        'd="$(basename "${@: -1}")"',
        '[ -f "$S/rc/$d" ] && exit "$(cat "$S/rc/$d")"',
        '[ -f "$S/fs/$d" ] || exit 2',
        'case "$*" in',
        '  *"-s LABEL"*) cut -d" " -f2 "$S/fs/$d" ;;',
        '  *"-s TYPE"*) cut -d" " -f1 "$S/fs/$d" ;;',
        'esac',
      ].join('\n'),
    );
    stub('mkfs.ext4', '[ "$1 $2" = "-q -L" ] || exit 1\necho "ext4 $3" > "$S/fs/$(basename "$4")"');
    stub('mountpoint', 'grep -qxF -- "$2" "$S/mounted"');
    stub('mount', 'echo "$1" >> "$S/mounted"');
    stub('systemctl', 'exit 0');
    stub('udevadm', 'exit 0');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function run(options: NodeDataDiskOptions = {}): { status: number | null; stderr: string; log: string; fstab: string } {
    const path = join(dir, 'node-data-disk.sh');
    writeFileSync(path, renderNodeDataDiskScript(options));
    const logFile = join(dir, 'log');
    rmSync(logFile, { force: true });
    const result = spawnSync('bash', [path], {
      encoding: 'utf8',
      env: {
        PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
        ND_LOG: logFile,
        ND_STATE: join(dir, 'state'),
        NODE_DATA_DISK_ROOT: root(),
      },
    });
    return {
      status: result.status,
      stderr: result.stderr,
      log: existsSync(logFile) ? readFileSync(logFile, 'utf8') : '',
      fstab: readFileSync(root('etc', 'fstab'), 'utf8'),
    };
  }

  const fstabLines = (mountPoint = root('mnt', 'kube-data'), fstype = 'ext4') => [
    'UUID=1234 / ext4 defaults 0 1',
    `LABEL=kube-data ${mountPoint} ${fstype} defaults,nofail 0 2`,
    `${mountPoint}/var-openebs-local ${root('var', 'openebs', 'local')} none bind,nofail,x-systemd.requires-mounts-for=${mountPoint} 0 0`,
    `${mountPoint}/var-lib-containerd ${root('var', 'lib', 'containerd')} none bind,nofail,x-systemd.requires-mounts-for=${mountPoint} 0 0`,
  ];
  const mounts = () =>
    readFileSync(state('mounted'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l !== '');

  test('a blank disk is formatted once, mounted by label, and the two directories bound onto it', () => {
    disk('/dev/vda', { children: ['/dev/vda1'] });
    disk('/dev/vdb');
    const result = run();
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.log).toContain('mkfs.ext4 -q -L kube-data /dev/vdb\nudevadm settle --timeout=30\n');
    expect(result.log.match(/^mkfs/gm)).toHaveLength(1);
    expect(result.fstab.trim().split('\n')).toEqual(fstabLines());
    expect(mounts()).toEqual([root('mnt', 'kube-data'), root('var', 'openebs', 'local'), root('var', 'lib', 'containerd')]);
    // The directories exist before KubeKey installs containerd, backed by the disk.
    for (const d of [root('var', 'openebs', 'local'), root('var', 'lib', 'containerd'), root('mnt', 'kube-data', 'var-lib-containerd')]) {
      expect(existsSync(d)).toBe(true);
    }
    for (const service of ['containerd.service', 'kubelet.service']) {
      expect(readFileSync(root('etc', 'systemd', 'system', `${service}.d`, '10-node-data-disk.conf'), 'utf8')).toBe(
        '[Unit]\nRequiresMountsFor=/var/openebs/local /var/lib/containerd\n',
      );
    }
    expect(result.log).toMatch(/^systemctl daemon-reload$/m);
  });

  test('a second run is a no-op: no format, no mount, no fstab line added, no daemon-reload', () => {
    disk('/dev/vda', { children: ['/dev/vda1'] });
    disk('/dev/vdb');
    expect(run().status).toBe(0);
    const fstab = readFileSync(root('etc', 'fstab'), 'utf8');
    const second = run();
    expect(second.status).toBe(0);
    expect(second.log).not.toMatch(/^(mkfs|mount|systemctl) /m);
    expect(second.fstab).toBe(fstab);
    expect(mounts()).toHaveLength(3);
  });

  test('after a reboot (nothing mounted yet) it mounts again without formatting or duplicating fstab lines', () => {
    disk('/dev/vda', { children: ['/dev/vda1'] });
    disk('/dev/vdb');
    expect(run().status).toBe(0);
    writeFileSync(state('mounted'), '');
    const again = run();
    expect(again.status).toBe(0);
    expect(again.log).not.toMatch(/^mkfs/m);
    expect(again.fstab.trim().split('\n')).toEqual(fstabLines());
    expect(mounts()).toHaveLength(3);
  });

  test('an existing ext4 file system with the label is kept (replaced instance, disk re-attached)', () => {
    disk('/dev/vda', { children: ['/dev/vda1'] });
    disk('/dev/vdb', { fs: 'ext4 kube-data' });
    const result = run();
    expect(result.status).toBe(0);
    expect(result.log).not.toMatch(/^mkfs/m);
    expect(result.fstab.trim().split('\n')).toEqual(fstabLines());
  });

  test('the labelled disk wins over an extra blank disk, which is left alone', () => {
    disk('/dev/vda', { children: ['/dev/vda1'] });
    disk('/dev/vdb', { fs: 'ext4 kube-data' });
    disk('/dev/vdc');
    const result = run();
    expect(result.status).toBe(0);
    expect(result.log).not.toMatch(/^mkfs/m);
    expect(result.log).toContain('blkid -p -o value -s LABEL /dev/vdc');
  });

  test('NVMe names, a CD-ROM and root on LVM: the one blank NVMe disk is chosen', () => {
    writeFileSync(state('root-chain'), '/dev/mapper/vg-root lvm\n/dev/nvme0n1p2 part\n/dev/nvme0n1 disk\n');
    disk('/dev/nvme0n1', { children: ['/dev/nvme0n1p1', '/dev/nvme0n1p2'] });
    disk('/dev/sr0', { type: 'rom' });
    disk('/dev/nvme1n1');
    const result = run();
    expect(result.status).toBe(0);
    expect(result.log).toContain('mkfs.ext4 -q -L kube-data /dev/nvme1n1\n');
  });

  test.each<[string, () => void, RegExp]>([
    ['two blank disks', () => disk('/dev/vdc'), /several blank disks \(\/dev\/vdb \/dev\/vdc\)/],
    ['only the root disk', () => writeFileSync(state('disks'), '/dev/vda disk\n'), /no blank disk and none labelled kube-data/],
    [
      "a data disk with an unknown file system (someone else's data)",
      () => writeFileSync(state('fs', 'vdb'), 'xfs other\n'),
      /no blank disk/,
    ],
    ['a data disk with partitions', () => writeFileSync(state('children', 'vdb'), '/dev/vdb1\n'), /no blank disk/],
    ['a disk blkid cannot probe', () => writeFileSync(state('rc', 'vdb'), '4'), /no blank disk/],
    [
      'two disks carrying the label',
      () => {
        writeFileSync(state('fs', 'vdb'), 'ext4 kube-data\n');
        disk('/dev/vdc', { fs: 'ext4 kube-data' });
      },
      /several disks carry the label kube-data/,
    ],
    ['no root device', () => writeFileSync(state('root-chain'), ''), /root file system/],
    [
      'containerd data already on the system disk',
      () => {
        mkdirSync(root('var', 'lib', 'containerd'), { recursive: true });
        writeFileSync(root('var', 'lib', 'containerd', 'meta.db'), 'x');
      },
      /var\/lib\/containerd already holds data on the system disk/,
    ],
    [
      'an fstab line mounting something else at the OpenEBS path',
      () => {
        writeFileSync(root('etc', 'fstab'), `UUID=1234 / ext4 defaults 0 1\nUUID=9 ${root('var', 'openebs', 'local')} xfs defaults 0 2\n`);
      },
      /already mounts something else at .*\/var\/openebs\/local/,
    ],
  ])('refuses without touching anything: %s', (_label, arrange, message) => {
    disk('/dev/vda', { children: ['/dev/vda1'] });
    disk('/dev/vdb');
    arrange();
    const fstab = readFileSync(root('etc', 'fstab'), 'utf8');
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('nothing was changed');
    expect(result.log).not.toMatch(/^(mkfs|mount|systemctl) /m);
    expect(result.fstab).toBe(fstab);
    expect(existsSync(root('mnt'))).toBe(false);
  });
});

describeShellcheck('the node-data-disk pre-install script (its #! line: bash)', () =>
  [
    ['node-data-disk (defaults)', renderNodeDataDiskScript()],
    [
      'node-data-disk (options)',
      renderNodeDataDiskScript({ label: 'data', mountPoint: '/data', paths: ['/var/lib/etcd'], services: ['etcd.service'] }),
    ],
  ].map(([name, text]) => ({ name, text, shell: shebangShell(text) ?? 'sh' })),
);
