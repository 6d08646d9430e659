/** The rule table: for every rule, resources that comply, resources that break it, and exactly what it reports. */
import { PlannedResource } from '../../../constructs/core/plan';
import * as f from './fixtures';

const dep = f.deployment;
const c = (container: Record<string, unknown>) => f.group([dep('order-service', { container })]);
const p = (pod: Record<string, unknown>) => f.group([dep('order-service', { pod })]);
const D = 'Deployment apps/order-service';

/** [rule, resources that comply, resources that break it, exactly what it reports]. */
export const CASES: Array<[string, PlannedResource[], PlannedResource[], string[]]> = [
  ['ecs-instance-deletion-protection', [f.instance()], [f.instance({ deletionProtection: false })], ['deletionProtection is false']],
  ['ecs-instance-metadata-hardened', [f.instance()], [f.instance({ httpTokens: 'optional' })], ['httpTokens is "optional"']],
  [
    'ecs-instance-no-public-ip',
    [f.instance()],
    [f.instance({ internetMaxBandwidthOut: 10 })],
    ['internetMaxBandwidthOut is 10, which allocates a public IP'],
  ],
  [
    'ecs-instance-keypair-login',
    [f.instance()],
    [f.instance({ keyName: undefined, password: '[secret]' })],
    ['no keyName', 'a login password is set'],
  ],
  [
    'ecs-instance-disks-encrypted',
    [f.instance({ dataDisks: [{ encrypted: true }] })],
    [f.instance({ systemDiskEncrypted: false, dataDisks: [{ encrypted: false }] })],
    ['systemDiskEncrypted is not true', 'dataDisks[0] is not encrypted'],
  ],
  [
    'ecs-instance-security-hardening',
    [f.instance()],
    [f.instance({ securityEnhancementStrategy: 'Deactive' })],
    ['securityEnhancementStrategy is "Deactive"'],
  ],
  ['ecs-disk-encrypted', [f.disk()], [f.disk({ encrypted: false })], ['encrypted is not true']],
  ['ecs-disk-customer-managed-key', [f.disk()], [f.disk({ kmsKeyId: undefined })], ['encrypted with the service key (no kmsKeyId)']],
  [
    'ecs-data-disk-outlives-instance',
    [f.disk(), f.res(f.ATTACHMENT, 'a', { deleteWithInstance: false })],
    [f.disk({ deleteWithInstance: true, deleteAutoSnapshot: true })],
    ['deleteWithInstance is true', 'deleteAutoSnapshot is true'],
  ],
  [
    'sg-ssh-not-public',
    [f.sgRule(), f.sgRule({ cidrIp: '0.0.0.0/0', portRange: '443/443' }), f.sgRule({ cidrIp: '0.0.0.0/0', type: 'egress' })],
    [f.sgRule({ cidrIp: '0.0.0.0/0', portRange: '20/30' })],
    ['ingress 20/30 (tcp) from 0.0.0.0/0 opens 22 to the internet'],
  ],
  [
    'sg-rdp-not-public',
    [f.sgRule({ portRange: '3389/3389' })],
    [f.sgRule({ cidrIp: undefined, portRange: '3389/3389' })],
    ['ingress 3389/3389 (tcp) from anywhere (no source) opens 3389 to the internet'],
  ],
  [
    'sg-kubernetes-ports-not-public',
    [f.sgRule({ portRange: '6443/6443', sourceSecurityGroupId: 'sg-1', cidrIp: undefined })],
    [f.sgRule({ portRange: '30880/30880', cidrIp: '0.0.0.0/0' })],
    ['ingress 30880/30880 (tcp) from 0.0.0.0/0 opens 30000-32767 to the internet'],
  ],
  [
    'sg-data-ports-not-public',
    [f.sgRule({ portRange: '3306/3306' })],
    [f.sgRule({ portRange: '6379/6379', cidrIp: undefined, ipv6CidrIp: '::/0' })],
    ['ingress 6379/6379 (tcp) from ::/0 opens 6379 to the internet'],
  ],
  [
    'sg-ssh-narrow-source',
    [f.sgRule({ cidrIp: '10.20.0.5/32' }), f.sgRule({ cidrIp: '0.0.0.0/0' }), f.sgRule({ cidrIp: '10.20.0.0/16', portRange: '443/443' })],
    [f.sgRule({ cidrIp: '10.20.0.0/16', portRange: '1/1024' })],
    ['SSH is open to 10.20.0.0/16 (/16; at most /24 expected)'],
  ],
  [
    'sg-all-ports-not-public',
    [f.sgRule({ ipProtocol: 'icmp', portRange: '-1/-1', cidrIp: '0.0.0.0/0' })],
    [f.sgRule({ ipProtocol: 'all', portRange: '-1/-1', cidrIp: '0.0.0.0/0' })],
    ['every port is open to the internet'],
  ],
  [
    'slb-pay-by-lcu',
    [f.clb()],
    [f.clb({ instanceChargeType: 'PayBySpec', loadBalancerSpec: 'slb.s1.small' })],
    ['instanceChargeType is "PayBySpec"', 'loadBalancerSpec "slb.s1.small" is set'],
  ],
  ['slb-delete-protection', [f.clb()], [f.clb({ deleteProtection: 'off' })], ['deleteProtection is "off"']],
  [
    'slb-modification-protection',
    [f.clb()],
    [f.clb({ modificationProtectionStatus: undefined })],
    ['modificationProtectionStatus is "NonProtection"'],
  ],
  ['slb-listener-whitelist', [f.listener()], [f.listener({ aclType: 'black' })], ['aclStatus "on", aclType "black", 1 ACL(s)']],
  ['slb-acl-entry-not-public', [f.aclEntry('203.0.113.0/24')], [f.aclEntry('0.0.0.0/0')], ['entry 0.0.0.0/0 admits everyone']],
  ['eip-deletion-protection', [f.eip()], [f.eip({ deletionProtection: false })], ['deletionProtection is not true']],
  ['nas-encrypted', [f.nas(), f.nas({ encryptType: 2 })], [f.nas({ encryptType: 0 })], ['encryptType is 0']],
  ['nas-access-rule-not-public', [f.nasRule('10.20.0.0/16')], [f.nasRule('0.0.0.0/0')], ['sourceCidrIp 0.0.0.0/0 admits everyone']],
  [
    'oss-bucket-not-public',
    [f.bucket(), f.bucketAcl()],
    [f.bucket({ acl: 'public-read' }), f.bucketAcl('public-read-write')],
    ['acl is public-read', 'acl is public-read-write'],
  ],
  [
    'oss-bucket-encrypted',
    [f.bucket(), f.bucket({ serverSideEncryptionRule: undefined }, { ignoreChanges: ['serverSideEncryptionRule'] })],
    [f.bucket({ serverSideEncryptionRule: undefined })],
    ['no serverSideEncryptionRule'],
  ],
  ['oss-bucket-versioned', [f.bucket()], [f.bucket({ versioning: { status: 'Suspended' } })], ['versioning is "Suspended"']],
  ['oss-bucket-no-force-destroy', [f.bucket()], [f.bucket({ forceDestroy: true })], ['forceDestroy is true']],
  [
    'oss-bucket-https-only',
    [f.bucket(), f.bucketPolicy(), f.bucket({ policy: f.HTTPS_ONLY_POLICY })],
    [f.bucketPolicy(JSON.stringify({ Version: '1', Statement: [] }))],
    ['the policy does not deny acs:SecureTransport false'],
  ],
  [
    'oss-standalone-settings-ignored',
    [f.bucket(), f.bucketAcl(), f.bucketPolicy()],
    [f.bucket({}, { protect: true, retainOnDelete: true, ignoreChanges: ['acl'] }), f.bucketAcl(), f.bucketPolicy()],
    ["site: 'policy' is managed by site-policy (alicloud:oss/bucketPolicy:BucketPolicy) but not in the bucket's ignoreChanges"],
  ],
  [
    'stateful-resource-protected',
    [f.nas(), f.disk(), f.bucket(), f.eip()],
    [f.nas({}, { protect: false, retainOnDelete: true }), f.disk({}, { protect: true, retainOnDelete: false })],
    ['protect is not set', 'retainOnDelete is not set'],
  ],
  [
    'command-secret-output-not-logged',
    [
      f.readKubeconfig(),
      f.readKubeconfig({ logging: 'stderr' }),
      f.res(f.COMMAND, 'install', { create: 'printf %s "$KEY" > ~/.ssh/id_rsa' }),
    ],
    [f.readKubeconfig({ logging: undefined }, {}), f.readKubeconfig({ create: 'kubectl config view --raw', logging: 'stdout' })],
    ['the script prints a credential and logging is "stdoutAndStderr"', 'the script prints a credential and logging is "stdout"'],
  ],
  [
    'command-secret-marked-output-not-logged',
    [
      f.readKubeconfig(),
      f.readKubeconfig({ create: 'kk create cluster', logging: 'stderr' }),
      f.res(f.COMMAND, 'kk', { create: 'kk version' }),
    ],
    [f.readKubeconfig({ create: 'kk create cluster', logging: undefined }, { additionalSecretOutputs: ['stdout', 'stderr'] })],
    ['stdout is secret but logging is "stdoutAndStderr"', 'stderr is secret but logging is "stdoutAndStderr"'],
  ],
  [
    'helm-chart-version-pinned',
    [f.helm('1.14.3'), f.helm('v2.0.0-rc.1')],
    [f.helm('^1.14.0'), f.helm(undefined)],
    ['chart "harbor" has version "^1.14.0"', 'chart "harbor" has version "unset"'],
  ],
  [
    'ram-policy-no-admin-access',
    [f.ramPolicy({ Effect: 'Allow', Action: ['nas:CreateDir'], Resource: ['*'] })],
    [f.ramPolicy({ Effect: 'Allow', Action: '*', Resource: ['*'] })],
    ['a statement allows Action "*" on Resource "*"'],
  ],
  [
    'k8s-no-privileged-containers',
    [f.group([dep()])],
    [c({ securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })],
    [`${D}: container app is privileged`],
  ],
  [
    'k8s-no-privilege-escalation',
    [f.group([dep()])],
    [c({ securityContext: { capabilities: { drop: ['ALL'] } } })],
    [`${D}: container app does not set allowPrivilegeEscalation: false`],
  ],
  [
    'k8s-run-as-non-root',
    [f.group([dep()])],
    [p({ securityContext: { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } })],
    [`${D}: pod runAsUser is 0`, `${D}: container app may run as root (runAsNonRoot not true)`],
  ],
  [
    'k8s-capabilities-dropped',
    [f.group([dep()])],
    [c({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } })],
    [`${D}: container app adds NET_ADMIN`],
  ],
  [
    'k8s-seccomp-profile',
    [f.group([dep()])],
    [p({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } } })],
    [`${D}: container app has seccomp profile Unconfined`],
  ],
  ['k8s-no-host-access', [f.group([dep()])], [p({ hostNetwork: true })], [`${D}: hostNetwork is true`]],
  [
    'k8s-restricted-volume-types',
    [f.group([dep()])],
    [p({ volumes: [{ name: 'data', nfs: { server: 'nas', path: '/' } }] })],
    [`${D}: volume data is of type nfs`],
  ],
  [
    'k8s-cpu-memory-bounded',
    [f.group([dep()])],
    [c({ resources: { requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '1Gi' } } })],
    [`${D}: container app has no cpu limits, memory limits`],
  ],
  [
    'k8s-ephemeral-storage-bounded',
    [f.group([dep()])],
    [c({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } })],
    [`${D}: container app has no ephemeral-storage requests, ephemeral-storage limits`],
  ],
  [
    'k8s-image-pinned',
    [f.group([dep(), dep('b', { container: { image: 'registry:5000/x@sha256:abc' } })])],
    [c({ image: 'registry:5000/platform/app' }), c({ image: 'mysql:latest' })],
    [`${D}: container app image "registry:5000/platform/app" is not pinned`, `${D}: container app image "mysql:latest" is not pinned`],
  ],
  ['k8s-probes', [f.group([dep()])], [c({ livenessProbe: undefined })], [`${D}: container app has no livenessProbe`]],
  [
    'k8s-read-only-root-filesystem',
    [f.group([dep()])],
    [c({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })],
    [`${D}: container app has a writable root file system`],
  ],
  [
    'k8s-service-account-token-not-mounted',
    [f.group([dep()])],
    [p({ automountServiceAccountToken: true })],
    [`${D}: mounts a service-account token`],
  ],
  [
    'k8s-secrets-not-in-argv',
    [f.group([dep()])],
    [c({ args: ['--requirepass', '$(DB_PASSWORD)'] })],
    [`${D}: container app passes secret env DB_PASSWORD on its command line`],
  ],
  [
    'k8s-no-literal-secret-env',
    [
      f.group([
        dep('a', {
          container: {
            env: [
              { name: 'TOKEN_EXPIRE_SECONDS', value: '60' },
              { name: 'NACOS_DEFAULT_PASSWORD', value: 'nacos' },
            ],
          },
        }),
      ]),
    ],
    [c({ env: [{ name: 'API_KEY', value: 'abc' }] })],
    [`${D}: container app has literal credential env API_KEY`],
  ],
  [
    'k8s-hpa-target-without-replicas',
    [f.group([dep(), f.hpa('order-service')]), f.group([dep('other', { spec: { replicas: 2 } })], 'other')],
    [f.group([dep('order-service', { spec: { replicas: 3 } })]), f.group([f.hpa('order-service')], 'hpa')],
    ['apps: Deployment apps/order-service: sets replicas 3 while HorizontalPodAutoscaler apps/order-service scales it'],
  ],
  [
    'k8s-namespace-pod-security-enforced',
    [f.group([f.namespace()]), f.res('kubernetes:core/v1:Namespace', 'ns', f.namespace())],
    [f.res('kubernetes:core/v1:Namespace', 'harbor', { ...f.namespace({}), metadata: { name: 'harbor' } })],
    ['Namespace harbor has no pod-security.kubernetes.io/enforce label'],
  ],
];
