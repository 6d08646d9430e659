/**
 * Resources for the policy tests: for every rule, resources that comply and resources that break
 * it, as plan resources (type, name, inputs, options). The rule table test checks each rule on
 * them; the offline-run test registers them under the mocks and plants each violation.
 */
import { PlannedResource } from '../../../constructs/core/plan';
import { res } from '../../helpers/planned-resource';

export { res };

const KEPT = { protect: true, retainOnDelete: true };
export const HTTPS_ONLY_POLICY = JSON.stringify({
  Version: '1',
  Statement: [
    {
      Effect: 'Deny',
      Principal: ['*'],
      Action: ['oss:*'],
      Resource: ['acs:oss:*:*:site'],
      Condition: { Bool: { 'acs:SecureTransport': ['false'] } },
    },
  ],
});

export const INSTANCE = 'alicloud:ecs/instance:Instance';
export const DISK = 'alicloud:ecs/ecsDisk:EcsDisk';
export const ATTACHMENT = 'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment';
export const SG_RULE = 'alicloud:ecs/securityGroupRule:SecurityGroupRule';
export const CLB = 'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer';
export const LISTENER = 'alicloud:slb/listener:Listener';
export const ACL_ENTRY = 'alicloud:slb/aclEntryAttachment:AclEntryAttachment';
export const EIP = 'alicloud:ecs/eipAddress:EipAddress';
export const NAS = 'alicloud:nas/fileSystem:FileSystem';
export const NAS_RULE = 'alicloud:nas/accessRule:AccessRule';
export const BUCKET = 'alicloud:oss/bucket:Bucket';
export const BUCKET_ACL = 'alicloud:oss/bucketAcl:BucketAcl';
export const BUCKET_POLICY = 'alicloud:oss/bucketPolicy:BucketPolicy';
export const COMMAND = 'command:remote:Command';
export const HELM = 'kubernetes:helm.sh/v3:Release';
export const RAM_POLICY = 'alicloud:ram/policy:Policy';
export const CONFIG_GROUP = 'kubernetes:yaml/v2:ConfigGroup';

export const instance = (over: Record<string, unknown> = {}) =>
  res(INSTANCE, 'node-1', {
    deletionProtection: true,
    httpTokens: 'required',
    internetMaxBandwidthOut: 0,
    keyName: 'ops',
    systemDiskEncrypted: true,
    securityEnhancementStrategy: 'Active',
    ...over,
  });
export const disk = (over: Record<string, unknown> = {}, opts = KEPT) =>
  res(DISK, 'node-1-data', { encrypted: true, kmsKeyId: 'key-1', deleteWithInstance: false, deleteAutoSnapshot: false, ...over }, opts);
export const sgRule = (over: Record<string, unknown> = {}) =>
  res(SG_RULE, 'ssh', { type: 'ingress', ipProtocol: 'tcp', portRange: '22/22', cidrIp: '10.20.0.5/32', policy: 'accept', ...over });
export const clb = (over: Record<string, unknown> = {}) =>
  res(CLB, 'api', { instanceChargeType: 'PayByCLCU', deleteProtection: 'on', modificationProtectionStatus: 'ConsoleProtection', ...over });
export const listener = (over: Record<string, unknown> = {}) =>
  res(LISTENER, 'api-6443', { protocol: 'tcp', aclStatus: 'on', aclType: 'white', aclIds: ['acl-1'], ...over });
export const aclEntry = (entry: string) => res(ACL_ENTRY, 'api-client', { aclId: 'acl-1', entry });
export const eip = (over: Record<string, unknown> = {}, opts = KEPT) => res(EIP, 'egress', { deletionProtection: true, ...over }, opts);
export const nas = (over: Record<string, unknown> = {}, opts = KEPT) => res(NAS, 'data', { encryptType: 1, ...over }, opts);
export const nasRule = (cidr: string) => res(NAS_RULE, 'data-rule', { accessGroupName: 'data', sourceCidrIp: cidr });
export const bucket = (
  over: Record<string, unknown> = {},
  opts: Partial<PlannedResource> = { ...KEPT, ignoreChanges: ['acl', 'policy'] },
) =>
  res(
    BUCKET,
    'site',
    {
      bucket: 'site',
      serverSideEncryptionRule: { sseAlgorithm: 'AES256' },
      versioning: { status: 'Enabled' },
      forceDestroy: false,
      ...over,
    },
    opts,
  );
export const bucketAcl = (acl = 'private') => res(BUCKET_ACL, 'site-acl', { bucket: 'site', acl });
export const bucketPolicy = (policy = HTTPS_ONLY_POLICY) => res(BUCKET_POLICY, 'site-policy', { bucket: 'site', policy });
export const readKubeconfig = (
  over: Record<string, unknown> = {},
  opts: Partial<PlannedResource> = { additionalSecretOutputs: ['stdout'] },
) => res(COMMAND, 'read-kubeconfig', { create: 'cat /root/.kube/config', logging: 'none', ...over }, opts);
export const helm = (version: unknown) => res(HELM, 'harbor', { chart: 'harbor', version });
export const ramPolicy = (statement: Record<string, unknown>) =>
  res(RAM_POLICY, 'nodes', { policyDocument: JSON.stringify({ Version: '1', Statement: [statement] }) });

/** A Deployment that passes every workload rule. */
export function deployment(
  name = 'order-service',
  over: { pod?: Record<string, unknown>; container?: Record<string, unknown>; spec?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'apps' },
    spec: {
      selector: { matchLabels: { app: name } },
      ...over.spec,
      template: {
        metadata: { labels: { app: name } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          volumes: [{ name: 'tmp', emptyDir: {} }],
          ...over.pod,
          containers: [
            {
              name: 'app',
              image: 'harbor.example.com/platform/order-service:1.4.2',
              env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
              args: ['--spring.profiles.active=prod'],
              readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
              livenessProbe: { httpGet: { path: '/live', port: 8080 } },
              resources: {
                requests: { cpu: '100m', memory: '256Mi', 'ephemeral-storage': '100Mi' },
                limits: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '1Gi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              ...over.container,
            },
          ],
        },
      },
    },
  };
}

export const hpa = (target: string) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: target, namespace: 'apps' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas: 4 },
});

export const namespace = (labels: Record<string, string> = { 'pod-security.kubernetes.io/enforce': 'restricted' }) => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'apps', labels },
});

/** A ConfigGroup carrying `objs`. */
export const group = (objs: unknown[], name = 'apps') => res(CONFIG_GROUP, name, { objs });
