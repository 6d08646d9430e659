/**
 * Ships KubeKey's etcd snapshots off the node: a KubeKey `preInstall` entry, run on the `etcd`
 * hosts only, that installs a small uploader and a systemd timer. KubeKey's own backup timer
 * (`backup-etcd.timer`) writes `<backupDir>/etcd-<date>/snapshot.db` every `backupPeriod` minutes
 * and keeps `keepBackupNumber` of them (`cmd/kk/pkg/etcd/templates/backup_script.go`, v3.1.x);
 * this timer uploads the newest one to `<prefix><hostname>/<snapshot dir>.db` in the backup bucket.
 *
 * Credentials: the node's instance RAM role, read from the metadata service in hardened mode
 * (a session token first), never a stored key. The uploader signs the request itself with the
 * Python standard library, so nothing is downloaded onto the node. Pure: renders text only.
 */
import { Validator } from '../core';
import type { CustomScript } from './types';

/** Where the one-member restore script is installed on the etcd hosts. */
export const ETCD_RESTORE_PATH = '/usr/local/bin/etcd-restore-member';

/** `name` of the preInstall entry. */
export const ETCD_BACKUP_SHIPPING_SCRIPT_NAME = 'etcd-backup-shipping';
/** Where the uploader is installed on the node. */
export const ETCD_BACKUP_SHIPPER_PATH = '/usr/local/bin/etcd-backup-ship';
/** systemd unit names (service and timer). */
export const ETCD_BACKUP_SHIPPER_UNIT = 'etcd-backup-ship';
/**
 * When the uploader runs: ten minutes past every hour, after KubeKey's own snapshot (on the hour
 * for periods of an hour or more) has been written.
 */
export const DEFAULT_ETCD_SHIP_ON_CALENDAR = '*-*-* *:10:00';

/** Options of {@link etcdBackupShippingPreInstall}. */
export interface EtcdBackupShippingOptions {
  /** The backup bucket. */
  readonly bucket: string;
  /** The bucket's endpoint host inside the VPC, for example `oss-cn-shenzhen-internal.aliyuncs.com`. */
  readonly endpoint: string;
  /** Key prefix of this cluster's snapshots, ending in `/`, for example `etcd/prod/`. */
  readonly prefix: string;
  /** The instance RAM role of the etcd nodes, allowed to add objects under `prefix`. */
  readonly ramRoleName: string;
  /** KubeKey's `etcd.backupDir`. */
  readonly backupDir: string;
  /**
   * systemd `OnCalendar` of the uploader.
   * @default DEFAULT_ETCD_SHIP_ON_CALENDAR ('*-*-* *:10:00')
   */
  readonly onCalendar?: string;
}

const SAFE = /^[A-Za-z0-9._/:*-]+$/;
const SAFE_CALENDAR = /^[A-Za-z0-9 ,.*:/-]+$/;

/** The uploader, a Python 3 program (standard library only; Ubuntu and CentOS images ship Python 3). */
export function renderEtcdShipper(): string {
  return `#!/usr/bin/env python3
"""Uploads the newest etcd snapshot to OSS with the instance RAM role's temporary credentials."""
import base64, glob, hashlib, hmac, json, os, socket, sys, urllib.request
from email.utils import formatdate

env = os.environ
backup_dir = env["BACKUP_DIR"]
metadata = env.get("METADATA_URL", "http://100.100.100.200")
oss = env.get("OSS_URL", "https://%s.%s" % (env["OSS_BUCKET"], env["OSS_ENDPOINT"]))

def get(url, headers, method="GET"):
    req = urllib.request.Request(url, headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.read().decode()

snapshots = sorted(glob.glob(os.path.join(backup_dir, "etcd-*", "snapshot.db")))
if not snapshots:
    print("etcd-backup-ship: no snapshot in %s yet" % backup_dir)
    sys.exit(0)
snapshot = snapshots[-1]
key = "%s%s/%s.db" % (env["OSS_PREFIX"], socket.gethostname(), os.path.basename(os.path.dirname(snapshot)))

# Hardened metadata mode: a session token first, then the role's temporary credentials.
token = get(metadata + "/latest/api/token", {"X-aliyun-ecs-metadata-token-ttl-seconds": "300"}, "PUT")
creds = json.loads(get(metadata + "/latest/meta-data/ram/security-credentials/" + env["RAM_ROLE"], {"X-aliyun-ecs-metadata-token": token}))

with open(snapshot, "rb") as f:
    body = f.read()
md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
date = formatdate(usegmt=True)
ctype = "application/octet-stream"
to_sign = "PUT\\n%s\\n%s\\n%s\\nx-oss-security-token:%s\\n/%s/%s" % (md5, ctype, date, creds["SecurityToken"], env["OSS_BUCKET"], key)
signature = base64.b64encode(hmac.new(creds["AccessKeySecret"].encode(), to_sign.encode(), hashlib.sha1).digest()).decode()
req = urllib.request.Request(oss + "/" + key, data=body, method="PUT", headers={
    "Date": date,
    "Content-Type": ctype,
    "Content-MD5": md5,
    "x-oss-security-token": creds["SecurityToken"],
    "Authorization": "OSS %s:%s" % (creds["AccessKeyId"], signature),
})
with urllib.request.urlopen(req, timeout=600) as resp:
    print("etcd-backup-ship: uploaded %s to %s (%d bytes, HTTP %d)" % (snapshot, key, len(body), resp.status))
`;
}

/**
 * Restores THIS etcd member from a snapshot file, with the member's own identity read from
 * KubeKey's `/etc/etcd.env` (name, peer URL, initial cluster, token, data directory). Run it on
 * every member, with the same snapshot, after `systemctl stop etcd` on all of them; the old data
 * directory is kept beside the new one (`<dataDir>.before-restore-<time>`), never deleted.
 */
export function renderEtcdRestoreScript(): string {
  return `#!/bin/bash
set -euo pipefail
snapshot="\${1:?usage: etcd-restore-member <snapshot.db>}"
env_file="\${ETCD_ENV_FILE:-/etc/etcd.env}"
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
if systemctl is-active --quiet etcd; then
  echo "etcd-restore-member: stop etcd on EVERY member first (systemctl stop etcd)" >&2
  exit 1
fi
restored="$ETCD_DATA_DIR.restored-$$"
ETCDCTL_API=3 etcdctl snapshot restore "$snapshot" \\
  --name "$ETCD_NAME" \\
  --initial-cluster "$ETCD_INITIAL_CLUSTER" \\
  --initial-cluster-token "$ETCD_INITIAL_CLUSTER_TOKEN" \\
  --initial-advertise-peer-urls "$ETCD_INITIAL_ADVERTISE_PEER_URLS" \\
  --data-dir "$restored"
if [ -d "$ETCD_DATA_DIR" ]; then
  mv "$ETCD_DATA_DIR" "$ETCD_DATA_DIR.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
fi
mv "$restored" "$ETCD_DATA_DIR"
chmod 0700 "$ETCD_DATA_DIR"
echo "etcd-restore-member: $ETCD_NAME restored from $snapshot; start etcd on every member (systemctl start etcd)"
`;
}

/**
 * The preInstall entry that installs the uploader and its timer on the `etcd` hosts.
 * @throws ValidationError naming each option that is not a plain value
 */
export function etcdBackupShippingPreInstall(options: EtcdBackupShippingOptions): CustomScript {
  const onCalendar = options.onCalendar ?? DEFAULT_ETCD_SHIP_ON_CALENDAR;
  const v = new Validator();
  for (const k of ['bucket', 'endpoint', 'prefix', 'ramRoleName', 'backupDir'] as const) {
    if (!SAFE.test(options[k])) {
      v.add(k, options[k], 'may contain only letters, digits and . _ / : * -');
    }
  }
  if (!options.prefix.endsWith('/')) {
    v.add('prefix', options.prefix, 'must end with /');
  }
  if (!SAFE_CALENDAR.test(onCalendar)) {
    v.add('onCalendar', onCalendar, 'is not a systemd OnCalendar expression such as *-*-* *:10:00');
  }
  v.throwIfAny('Invalid etcd backup shipping options');
  const unit = ETCD_BACKUP_SHIPPER_UNIT;
  const bash = `#!/bin/bash
# ${ETCD_BACKUP_SHIPPING_SCRIPT_NAME}: uploads the newest etcd snapshot of ${options.backupDir} to
# oss://${options.bucket}/${options.prefix}<hostname>/ on a timer, with the instance RAM role ${options.ramRoleName}.
# Idempotent: rewrites the same files and re-enables the same timer on every run.
set -euo pipefail
install -d -m 0700 '${options.backupDir}'
cat > '${ETCD_BACKUP_SHIPPER_PATH}' <<'SHIPPER'
${renderEtcdShipper()}SHIPPER
chmod 0755 '${ETCD_BACKUP_SHIPPER_PATH}'
cat > '${ETCD_RESTORE_PATH}' <<'RESTORE'
${renderEtcdRestoreScript()}RESTORE
chmod 0750 '${ETCD_RESTORE_PATH}'
cat > /etc/default/${unit} <<'ENV'
BACKUP_DIR=${options.backupDir}
OSS_BUCKET=${options.bucket}
OSS_ENDPOINT=${options.endpoint}
OSS_PREFIX=${options.prefix}
RAM_ROLE=${options.ramRoleName}
ENV
cat > /etc/systemd/system/${unit}.service <<'UNIT'
[Unit]
Description=Upload the newest etcd snapshot to the backup bucket
After=network-online.target
Wants=network-online.target
[Service]
Type=oneshot
EnvironmentFile=/etc/default/${unit}
ExecStart=${ETCD_BACKUP_SHIPPER_PATH}
UNIT
cat > /etc/systemd/system/${unit}.timer <<'UNIT'
[Unit]
Description=Upload the newest etcd snapshot to the backup bucket
[Timer]
OnCalendar=${onCalendar}
RandomizedDelaySec=120
Persistent=true
[Install]
WantedBy=timers.target
UNIT
systemctl daemon-reload
systemctl enable --now ${unit}.timer
`;
  return { name: ETCD_BACKUP_SHIPPING_SCRIPT_NAME, bash, role: 'etcd' };
}
