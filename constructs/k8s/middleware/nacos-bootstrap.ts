import { Construct } from 'constructs';
import { ImageRewrite, NO_IMAGE_REWRITE, Validator } from '../../core';
import { Labels, ResourceRequirements } from '../common';
import { secretEnv, plainEnv } from '../workload/container';
import { checkImage } from '../workload/image';
import { JobWorkload } from '../workload/job-workload';
import { checkObjectName } from '../workload/names';
import { ResolvedResources, resolveResources } from '../workload/quantities';
import { AllowTrafficPolicy, TrafficDirection } from '../network-policies';

/** curl and a busybox shell (Alpine), nothing else. */
export const NACOS_BOOTSTRAP_IMAGE = 'curlimages/curl:8.10.1';
/**
 * The image's `USER curl_user` is a name, which `runAsNonRoot` cannot verify, so the pod names numbers: those
 * Alpine gives `curl_user`/`curl_group`. The script writes nothing outside `/tmp`, so any non-root id would do.
 */
export const NACOS_BOOTSTRAP_UID = 100;
export const NACOS_BOOTSTRAP_GID = 101;
/** The built-in administrator Nacos 2.x clients and the console log in as. */
export const NACOS_ADMIN_USER = 'nacos';
/** What Nacos up to 2.3 stores for {@link NACOS_ADMIN_USER} on a new cluster (2.4 removed the default). */
export const NACOS_DEFAULT_ADMIN_PASSWORD = 'nacos';
/** Requests and limits of the Job's container: a shell loop around curl needs next to nothing. */
export const NACOS_BOOTSTRAP_DEFAULT_RESOURCES: ResolvedResources = {
  cpuRequest: '10m',
  cpuLimit: '100m',
  memoryRequest: '16Mi',
  memoryLimit: '32Mi',
};
/** Nacos may take minutes to start (cluster election, schema checks): 60 tries 5 s apart, per attempt. */
const WAIT_TRIES = 60;
const BACKOFF_LIMIT = 4;
const ACTIVE_DEADLINE_SECONDS = 1800;
/** A day: long enough to read the logs after a deploy, short enough not to pile up finished Jobs. */
const TTL_SECONDS_AFTER_FINISHED = 86400;

/** Opt-in of {@link NacosProps.adminBootstrap}. */
export interface NacosAdminBootstrapProps {
  /** Secret holding the password to set. @default - the Nacos credentials Secret */
  readonly secretName?: string;
  /** Key of the password in that Secret. @default NACOS_SECRET_KEYS.adminPassword ('nacos-admin-password') */
  readonly key?: string;
  /** @default NACOS_BOOTSTRAP_IMAGE */
  readonly image?: string;
  /** @default NACOS_BOOTSTRAP_DEFAULT_RESOURCES (cpu 10m/100m, memory 16Mi/32Mi) */
  readonly resources?: ResourceRequirements;
}

/** {@link NacosAdminBootstrapProps} with defaults applied. */
export interface ResolvedAdminBootstrap {
  readonly image: string;
  readonly resources: ResolvedResources;
  readonly secretName: string;
  readonly key: string;
}

/**
 * Applies defaults and collects problems into the Nacos construct's validator, so one error names them all.
 * The Job pulls its image through the Nacos construct's `imageRewrite`, like Nacos itself.
 */
export function resolveAdminBootstrap(
  v: Validator,
  props: NacosAdminBootstrapProps,
  defaultSecret: string,
  defaultKey: string,
  imageRewrite: ImageRewrite = NO_IMAGE_REWRITE,
): ResolvedAdminBootstrap {
  const r = {
    image: props.image ?? NACOS_BOOTSTRAP_IMAGE,
    resources: resolveResources(v, 'adminBootstrap.resources', props.resources, NACOS_BOOTSTRAP_DEFAULT_RESOURCES),
    secretName: props.secretName ?? defaultSecret,
    key: props.key ?? defaultKey,
  };
  checkImage(v, 'adminBootstrap.image', r.image);
  checkObjectName(v, 'adminBootstrap.secretName', r.secretName);
  if (!SECRET_KEY.test(r.key)) v.add('adminBootstrap.key', r.key, 'must be a Secret key (letters, digits, -, _ and .)');
  return { ...r, image: imageRewrite(r.image) };
}
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** What the Nacos construct hands over once it knows its own names. Internal. */
export interface NacosAdminBootstrapOptions extends ResolvedAdminBootstrap {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly priorityClassName?: string;
  /** Client Service of Nacos, and its HTTP port. */
  readonly nacosHost: string;
  readonly nacosPort: number;
  /** Selector labels of the Nacos pods. */
  readonly nacosPods: Labels;
}

/**
 * The bootstrap script (POSIX sh, busybox). Idempotent, so the Job may re-run on every deploy:
 *  1. waits until Nacos answers its readiness endpoint;
 *  2. tries `POST /v1/auth/users/admin`, which only Nacos ≥ 2.4 has (first admin, only while none exists);
 *  3. otherwise logs in with the default password and `PUT /v1/auth/users` with `newPassword` (Nacos 2.0–2.3);
 *  4. if the default login fails, succeeds only when the target password already logs in (set by an earlier run).
 * Passwords reach curl on stdin (`@-`), never on its command line, and the login is retried after the change
 * because cluster members reload their user cache only every few seconds.
 */
export function nacosBootstrapScript(): string {
  return `set -eu
base="http://\${NACOS_HOST}:\${NACOS_PORT}/nacos"
tries=0
until curl -fsS -o /dev/null "$base/v1/console/health/readiness"; do
  tries=$((tries + 1))
  if [ "$tries" -ge ${WAIT_TRIES} ]; then echo "Nacos at $base is not ready; giving up this attempt" >&2; exit 1; fi
  sleep 5
done
# Prints the access token for the password on stdin, or nothing when the login is refused.
token() {
  curl -sS -X POST --data-urlencode "username=$NACOS_ADMIN_USER" --data-urlencode 'password@-' "$base/v1/auth/users/login" \\
    | sed -n 's/.*"accessToken":"\\([^"]*\\)".*/\\1/p'
}
verify() {
  tries=0
  until [ -n "$(printf '%s' "$NACOS_ADMIN_PASSWORD" | token)" ]; do
    tries=$((tries + 1))
    if [ "$tries" -ge 12 ]; then echo "the new password of $NACOS_ADMIN_USER does not log in" >&2; exit 1; fi
    sleep 5
  done
  echo "$NACOS_ADMIN_USER logs in with the configured password"
}
code=$(printf '%s' "$NACOS_ADMIN_PASSWORD" | curl -sS -o /dev/null -w '%{http_code}' -X POST --data-urlencode 'password@-' "$base/v1/auth/users/admin" || true)
if [ "$code" = 200 ]; then echo "initialised the admin password (Nacos >= 2.4)"; verify; exit 0; fi
default=$(printf '%s' "$NACOS_DEFAULT_PASSWORD" | token)
if [ -z "$default" ]; then
  echo "the default password is refused; checking whether the configured one is already set"
  if [ -n "$(printf '%s' "$NACOS_ADMIN_PASSWORD" | token)" ]; then echo "already set, nothing to do"; exit 0; fi
  echo "neither the default nor the configured password logs in as $NACOS_ADMIN_USER" >&2
  exit 1
fi
printf '%s' "$NACOS_ADMIN_PASSWORD" | curl -fsS -o /dev/null -X PUT --data-urlencode "username=$NACOS_ADMIN_USER" \\
  --data-urlencode 'newPassword@-' "$base/v1/auth/users?accessToken=$default"
echo "changed the password of $NACOS_ADMIN_USER"
verify
`;
}

/**
 * A Job that sets the password of Nacos' built-in administrator from a Secret, and the two allow rules it needs
 * in a default-deny namespace. Internal: created by {@link Nacos} when `adminBootstrap` is set.
 */
export class NacosAdminBootstrap extends Construct {
  /** Name of the Job: `<nacos name>-bootstrap`. */
  public readonly jobName: string;

  /** @internal Created by {@link Nacos} only. */
  constructor(scope: Construct, id: string, o: NacosAdminBootstrapOptions) {
    super(scope, id);
    this.jobName = `${o.name}-bootstrap`;

    const job = new JobWorkload(this, 'Job', {
      name: this.jobName,
      namespace: o.namespace,
      component: 'nacos-bootstrap',
      extraLabels: o.labels,
      priorityClassName: o.priorityClassName,
      identity: { runAsUser: NACOS_BOOTSTRAP_UID, runAsGroup: NACOS_BOOTSTRAP_GID, fsGroup: NACOS_BOOTSTRAP_GID },
      container: {
        name: 'bootstrap',
        image: o.image,
        resources: o.resources,
        command: ['/bin/sh', '-c', nacosBootstrapScript()],
        env: [
          ...plainEnv({
            NACOS_HOST: o.nacosHost,
            NACOS_PORT: String(o.nacosPort),
            NACOS_ADMIN_USER,
            // Not a secret: the well-known value every Nacos up to 2.3 starts with.
            NACOS_DEFAULT_PASSWORD: NACOS_DEFAULT_ADMIN_PASSWORD,
          }),
          ...secretEnv([{ envName: 'NACOS_ADMIN_PASSWORD', secretName: o.secretName, key: o.key }]),
        ],
        // The shell may need a scratch directory; the root file system stays read-only.
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      },
      emptyDirs: ['tmp'],
      backoffLimit: BACKOFF_LIMIT,
      activeDeadlineSeconds: ACTIVE_DEADLINE_SECONDS,
      ttlSecondsAfterFinished: TTL_SECONDS_AFTER_FINISHED,
    });
    const ports = [{ port: o.nacosPort }];
    new AllowTrafficPolicy(this, 'Egress', {
      namespace: o.namespace,
      name: `${this.jobName}-egress`,
      podLabels: job.selectorLabels,
      direction: TrafficDirection.EGRESS,
      peers: [{ podLabels: o.nacosPods }],
      ports,
    });
    new AllowTrafficPolicy(this, 'Ingress', {
      namespace: o.namespace,
      name: `${this.jobName}-ingress`,
      podLabels: o.nacosPods,
      direction: TrafficDirection.INGRESS,
      peers: [{ podLabels: job.selectorLabels }],
      ports,
    });
  }
}
