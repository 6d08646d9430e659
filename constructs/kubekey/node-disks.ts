/**
 * The node data-disk script: a KubeKey `system.preInstall` entry that formats (only when blank) and
 * mounts each node's data disk, then bind-mounts the directories that grow with the cluster onto it.
 * Without it the ECS data disk stays raw and OpenEBS local volumes and container images fill the
 * system disk.
 *
 * Pure: renders text, imports neither Pulumi nor cdk8s. KubeKey runs preInstall scripts first, before
 * it installs containerd (`cmd/kk/pkg/pipelines/create_cluster.go`, v3.1.12), and again on every
 * `kk create cluster` and `kk add nodes` on every host, so the script is idempotent and refuses,
 * without touching any disk, whenever it cannot tell which disk is the data disk.
 */
import { Validator, type ValidationIssue } from '../core';
import { DEFAULT_OPENEBS_BASE_PATH } from './defaults';
import type { CustomScript } from './types';

/** ext4 label the data disk is formatted with and mounted by. */
export const DEFAULT_NODE_DATA_DISK_LABEL = 'kube-data';
/** Where the data disk is mounted; the bind-mounted directories live under it. */
export const DEFAULT_NODE_DATA_DISK_MOUNT_POINT = '/mnt/kube-data';
/** containerd's root (`root` in KubeKey's containerd `config.toml`): images and writable layers. */
export const CONTAINERD_ROOT = '/var/lib/containerd';
/** Directories moved to the data disk by default: OpenEBS local volumes and containerd's root. */
export const DEFAULT_NODE_DATA_DISK_PATHS: readonly string[] = [DEFAULT_OPENEBS_BASE_PATH, CONTAINERD_ROOT];
/** Services that must not start while the data disk is missing (they would write to the system disk). */
export const DEFAULT_NODE_DATA_DISK_SERVICES: readonly string[] = ['containerd.service', 'kubelet.service'];
/** `name` of the preInstall entry. */
export const NODE_DATA_DISK_SCRIPT_NAME = 'node-data-disk';

/** Options of {@link renderNodeDataDiskScript}. */
export interface NodeDataDiskOptions {
  /**
   * ext4 label (at most 16 characters) the disk is formatted with, mounted by, and recognised by on
   * later runs.
   * @default DEFAULT_NODE_DATA_DISK_LABEL ('kube-data')
   */
  readonly label?: string;
  /**
   * Mount point of the data disk.
   * @default DEFAULT_NODE_DATA_DISK_MOUNT_POINT ('/mnt/kube-data')
   */
  readonly mountPoint?: string;
  /**
   * Directories bind-mounted from the data disk. Pass the OpenEBS `basePath` when it is not the
   * default, and `/var/lib/docker` instead of containerd's root with the docker runtime.
   * @default DEFAULT_NODE_DATA_DISK_PATHS (['/var/openebs/local', '/var/lib/containerd'])
   */
  readonly paths?: readonly string[];
  /**
   * systemd services given `RequiresMountsFor=` every path, so they do not start on the system disk
   * when the data disk failed to mount (the mounts are `nofail` so the node still boots).
   * @default DEFAULT_NODE_DATA_DISK_SERVICES (['containerd.service', 'kubelet.service'])
   */
  readonly services?: readonly string[];
}

// Plain path segments only: the values are pasted into the script between single quotes.
const SAFE_PATH = /^(\/[A-Za-z0-9._-]+)+$/;
const LABEL = /^[A-Za-z0-9_-]{1,16}$/;
const SERVICE = /^[A-Za-z0-9@._-]+\.service$/;
// KubeKey's initOS.sh comments out every fstab line matching /^[^#]*swap*/ (`swap` or `swa`).
const SWAP_TOKEN = 'swa';

interface ResolvedOptions {
  readonly label: string;
  readonly mountPoint: string;
  readonly paths: readonly string[];
  readonly services: readonly string[];
}

function resolve(options: NodeDataDiskOptions): ResolvedOptions {
  return {
    label: options.label ?? DEFAULT_NODE_DATA_DISK_LABEL,
    mountPoint: options.mountPoint ?? DEFAULT_NODE_DATA_DISK_MOUNT_POINT,
    paths: options.paths ?? DEFAULT_NODE_DATA_DISK_PATHS,
    services: options.services ?? DEFAULT_NODE_DATA_DISK_SERVICES,
  };
}

/** The directory on the data disk that backs `path`: `/var/lib/containerd` → `var-lib-containerd`. */
export function bindSourceName(path: string): string {
  return path.slice(1).replace(/\//g, '-');
}

const within = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

/** Every problem with the options; empty when they are valid. */
export function nodeDataDiskIssues(options: NodeDataDiskOptions = {}): readonly ValidationIssue[] {
  const o = resolve(options);
  const v = new Validator();
  if (typeof o.label !== 'string' || !LABEL.test(o.label)) {
    v.add('label', o.label, 'must be an ext4 label: 1 to 16 letters, digits, - or _');
  } else if (o.label.toLowerCase().includes(SWAP_TOKEN)) {
    v.add('label', o.label, `must not contain '${SWAP_TOKEN}': KubeKey comments out every fstab line containing it`);
  }
  const mountPointOk = safePath(o.mountPoint, 'mountPoint', v);
  if (mountPointOk && ['/', '/var', '/var/lib', '/etc', '/usr', '/boot'].includes(o.mountPoint)) {
    v.add('mountPoint', o.mountPoint, 'must be a dedicated directory, not a system directory');
  }
  if (!Array.isArray(o.paths) || o.paths.length === 0) {
    v.add('paths', o.paths, 'must list at least one directory to move to the data disk');
  } else {
    o.paths.forEach((path, i) => {
      const key = `paths[${i}]`;
      if (!safePath(path, key, v)) {
        return;
      }
      if (mountPointOk && (within(path, o.mountPoint) || within(o.mountPoint, path))) {
        v.add(key, path, `must be outside the mount point ${o.mountPoint} and not contain it`);
      }
      o.paths.slice(0, i).forEach((other, j) => {
        if (typeof other !== 'string') {
          return;
        }
        if (within(path, other) || within(other, path)) {
          v.add(key, path, `overlaps paths[${j}] ${other}; bind mounts must not nest`);
        } else if (bindSourceName(path) === bindSourceName(other)) {
          v.add(key, path, `maps to the same directory on the disk as paths[${j}] ${other}`);
        }
      });
    });
  }
  if (!Array.isArray(o.services)) {
    v.add('services', o.services, 'must be a list of systemd service names');
  } else {
    o.services.forEach((service, i) => {
      if (typeof service !== 'string' || !SERVICE.test(service)) {
        v.add(`services[${i}]`, service, 'must be a systemd service name such as containerd.service');
      } else if (o.services.indexOf(service) !== i) {
        v.add(`services[${i}]`, service, `duplicates services[${o.services.indexOf(service)}]`);
      }
    });
  }
  return v.issues;
}

function safePath(value: unknown, key: string, v: Validator): boolean {
  if (typeof value !== 'string' || !SAFE_PATH.test(value) || value.split('/').some((s) => s === '.' || s === '..')) {
    v.add(key, value, 'must be an absolute path of plain segments (letters, digits, ., _ and -), without trailing /');
    return false;
  }
  if (value.toLowerCase().includes(SWAP_TOKEN)) {
    v.add(key, value, `must not contain '${SWAP_TOKEN}': KubeKey comments out every fstab line containing it`);
    return false;
  }
  return true;
}

/**
 * Renders the bash script. Validates first.
 * @throws ValidationError naming each bad option
 */
export function renderNodeDataDiskScript(options: NodeDataDiskOptions = {}): string {
  const issues = nodeDataDiskIssues(options);
  if (issues.length > 0) {
    const v = new Validator();
    v.addAll(issues);
    v.throwIfAny('Invalid node data-disk options');
  }
  return script(resolve(options));
}

/**
 * The script as a `system.preInstall` entry for every host (no `role`: KubeKey then runs it on all
 * hosts). Validates first.
 * @throws ValidationError naming each bad option
 */
export function nodeDataDiskPreInstall(options: NodeDataDiskOptions = {}): CustomScript {
  return { name: NODE_DATA_DISK_SCRIPT_NAME, bash: renderNodeDataDiskScript(options) };
}

function script(o: ResolvedOptions): string {
  const binds = o.paths.map((p) => `  '${p}|${bindSourceName(p)}'`).join('\n');
  return `#!/bin/bash
# ${NODE_DATA_DISK_SCRIPT_NAME}: mounts this node's data disk at ${o.mountPoint} by label and bind-mounts
# these directories onto it: ${o.paths.join(' ')}
# KubeKey runs it before it installs containerd, and again on every create cluster / add nodes, on
# every host: each step is idempotent, and the disk is formatted ONLY when blkid finds no signature
# on it at all, so existing data is never wiped.
#
# Which disk: ECS reports a cloud disk's id (without d-) as its virtio/NVMe serial, but the id does
# not exist yet when this script is rendered (the disk is created alongside the instance), and /dev/vdb-
# style names depend on attach order. So the disk is found by elimination: a whole disk (TYPE disk)
# that is not under the root file system, and either already carries the label ${o.label} (a later
# run), or has no partition and no signature (a new disk). Exactly one must qualify; on zero or
# several the script stops before it changes anything.
set -euo pipefail

LABEL='${o.label}'
# Tests point NODE_DATA_DISK_ROOT at a scratch directory; on a node it is unset.
ROOT="\${NODE_DATA_DISK_ROOT:-}"
MOUNT_POINT="$ROOT${o.mountPoint}"
FSTAB="$ROOT/etc/fstab"
UNIT_DIR="$ROOT/etc/systemd/system"
# <directory>|<its backing directory on the data disk>
BINDS=(
${binds}
)

refuse() {
  echo "${NODE_DATA_DISK_SCRIPT_NAME}: $*; nothing was changed" >&2
  exit 1
}

# present: this exact line is there; conflict: another line mounts something at the same place.
fstab_state() {
  if grep -qxF -- "$2" "$FSTAB"; then
    echo present
  elif awk -v mp="$1" '$1 !~ /^#/ && $2 == mp { found = 1 } END { exit !found }' "$FSTAB"; then
    echo conflict
  else
    echo absent
  fi
}

# --- Find the disk (read-only) -------------------------------------------------------------------
[ -f "$FSTAB" ] || refuse "$FSTAB does not exist"
root_source="$(findmnt -nvo SOURCE /)" || refuse "cannot find the root file system's device"
# Every disk the root file system sits on (through partitions, LVM or RAID).
root_disks=" $(lsblk -nslpo NAME,TYPE "$root_source" | awk '$2 == "disk" { printf "%s ", $1 }')"
[ "$root_disks" != " " ] || refuse "cannot find the disk under the root file system ($root_source)"

labelled=()
blank=()
while read -r dev type; do
  [ "$type" = disk ] || continue
  case "$root_disks" in *" $dev "*) continue ;; esac
  if [ "$(blkid -p -o value -s LABEL "$dev" 2>/dev/null || true)" = "$LABEL" ]; then
    labelled+=("$dev")
    continue
  fi
  # A partition, LVM or RAID member under it means the disk is in use.
  [ "$(lsblk -nlpo NAME "$dev" | wc -l)" -eq 1 ] || continue
  # blkid exits 2 when it finds no signature at all; any other result leaves the disk alone.
  probe=0
  blkid -p "$dev" >/dev/null 2>&1 || probe=$?
  [ "$probe" -ne 2 ] || blank+=("$dev")
done < <(lsblk -dpno NAME,TYPE)

format=0
if [ "\${#labelled[@]}" -gt 1 ]; then
  refuse "several disks carry the label $LABEL (\${labelled[*]})"
elif [ "\${#labelled[@]}" -eq 1 ]; then
  dev="\${labelled[0]}"
  fstype="$(blkid -p -o value -s TYPE "$dev" 2>/dev/null || true)"
  [ -n "$fstype" ] || refuse "$dev carries the label $LABEL but no file system type"
elif [ "\${#blank[@]}" -eq 1 ]; then
  dev="\${blank[0]}"
  fstype=ext4
  format=1
elif [ "\${#blank[@]}" -eq 0 ]; then
  refuse "found no blank disk and none labelled $LABEL besides the root disk(s)$root_disks"
else
  refuse "found several blank disks (\${blank[*]}); cannot tell which one is the data disk"
fi

# --- Check every step can be done before doing any -----------------------------------------------
disk_line="LABEL=$LABEL $MOUNT_POINT $fstype defaults,nofail 0 2"
[ "$(fstab_state "$MOUNT_POINT" "$disk_line")" != conflict ] || refuse "$FSTAB already mounts something else at $MOUNT_POINT"
for bind in "\${BINDS[@]}"; do
  target="$ROOT\${bind%%|*}"
  line="$MOUNT_POINT/\${bind#*|} $target none bind,nofail,x-systemd.requires-mounts-for=$MOUNT_POINT 0 0"
  [ "$(fstab_state "$target" "$line")" != conflict ] || refuse "$FSTAB already mounts something else at $target"
  if ! mountpoint -q "$target"; then
    [ ! -e "$target" ] || [ -d "$target" ] || refuse "$target exists and is not a directory"
    # Hiding files under a bind mount would lose them (a node set up before this script existed).
    [ ! -d "$target" ] || [ -z "$(ls -A "$target")" ] || refuse "$target already holds data on the system disk; move it to the data disk by hand first"
  fi
done

# --- Format (blank disk only), mount, bind -------------------------------------------------------
if [ "$format" -eq 1 ]; then
  echo "${NODE_DATA_DISK_SCRIPT_NAME}: formatting blank disk $dev as ext4, label $LABEL"
  mkfs.ext4 -q -L "$LABEL" "$dev" </dev/null
  # mount resolves LABEL= through udev's /dev/disk/by-label, which lags behind mkfs.
  if command -v udevadm >/dev/null 2>&1; then
    udevadm settle --timeout=30 || true
  fi
fi
changed=0
if [ "$(fstab_state "$MOUNT_POINT" "$disk_line")" != present ]; then
  echo "$disk_line" >> "$FSTAB"
  changed=1
fi
mkdir -p "$MOUNT_POINT"
mountpoint -q "$MOUNT_POINT" || mount "$MOUNT_POINT"
for bind in "\${BINDS[@]}"; do
  target="$ROOT\${bind%%|*}"
  source="$MOUNT_POINT/\${bind#*|}"
  line="$source $target none bind,nofail,x-systemd.requires-mounts-for=$MOUNT_POINT 0 0"
  mkdir -p "$source" "$target"
  if [ "$(fstab_state "$target" "$line")" != present ]; then
    echo "$line" >> "$FSTAB"
    changed=1
  fi
  mountpoint -q "$target" || mount "$target"
done

${o.services.length > 0 ? dropIns(o) : ''}# systemd generates mount units from fstab; reload so they match the lines just added.
if [ "$changed" -eq 1 ] && command -v systemctl >/dev/null 2>&1; then
  systemctl daemon-reload
fi
echo "${NODE_DATA_DISK_SCRIPT_NAME}: $dev mounted at $MOUNT_POINT"
`;
}

// The services are a bash array, not words after `in`: with a single service shellcheck reads that
// one-pass loop as a mistake (SC2043).
function dropIns(o: ResolvedOptions): string {
  return `# --- Keep the services off the system disk if the data disk ever fails to mount ------------------
dropin="[Unit]
RequiresMountsFor=${o.paths.join(' ')}"
services=(${o.services.join(' ')})
for service in "\${services[@]}"; do
  file="$UNIT_DIR/$service.d/10-${NODE_DATA_DISK_SCRIPT_NAME}.conf"
  if [ "$(cat "$file" 2>/dev/null || true)" != "$dropin" ]; then
    mkdir -p "$UNIT_DIR/$service.d"
    printf '%s\\n' "$dropin" > "$file"
    changed=1
  fi
done
`;
}
