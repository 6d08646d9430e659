/**
 * The type tokens the rules match are the SDKs' own: each equals the `__pulumiType` of the class
 * a program instantiates, so a typo (or a token an SDK renames) fails here, not silently in review.
 */
import * as alicloud from '@pulumi/alicloud';
import * as command from '@pulumi/command';
import * as k8s from '@pulumi/kubernetes';
import { BASELINE_RULES } from '../../../constructs/policy/rules';

/** The SDK class a program instantiates, by the token the rules use. */
const CLASSES: Record<string, object> = {
  'alicloud:ecs/instance:Instance': alicloud.ecs.Instance,
  'alicloud:ecs/ecsDisk:EcsDisk': alicloud.ecs.EcsDisk,
  'alicloud:ecs/disk:Disk': alicloud.ecs.Disk,
  'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment': alicloud.ecs.EcsDiskAttachment,
  'alicloud:ecs/securityGroupRule:SecurityGroupRule': alicloud.ecs.SecurityGroupRule,
  'alicloud:ecs/eipAddress:EipAddress': alicloud.ecs.EipAddress,
  'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer': alicloud.slb.ApplicationLoadBalancer,
  'alicloud:slb/listener:Listener': alicloud.slb.Listener,
  'alicloud:slb/aclEntryAttachment:AclEntryAttachment': alicloud.slb.AclEntryAttachment,
  'alicloud:nas/fileSystem:FileSystem': alicloud.nas.FileSystem,
  'alicloud:nas/accessRule:AccessRule': alicloud.nas.AccessRule,
  'alicloud:oss/bucket:Bucket': alicloud.oss.Bucket,
  'alicloud:oss/bucketAcl:BucketAcl': alicloud.oss.BucketAcl,
  'alicloud:oss/bucketPolicy:BucketPolicy': alicloud.oss.BucketPolicy,
  'alicloud:oss/bucketCors:BucketCors': alicloud.oss.BucketCors,
  'alicloud:oss/bucketLogging:BucketLogging': alicloud.oss.BucketLogging,
  'alicloud:oss/bucketReferer:BucketReferer': alicloud.oss.BucketReferer,
  'alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption': alicloud.oss.BucketServerSideEncryption,
  'alicloud:oss/bucketTransferAcceleration:BucketTransferAcceleration': alicloud.oss.BucketTransferAcceleration,
  'alicloud:oss/bucketVersioning:BucketVersioning': alicloud.oss.BucketVersioning,
  'alicloud:oss/bucketWebsite:BucketWebsite': alicloud.oss.BucketWebsite,
  'alicloud:oss/bucketAccessMonitor:BucketAccessMonitor': alicloud.oss.BucketAccessMonitor,
  'alicloud:ram/policy:Policy': alicloud.ram.Policy,
  'command:remote:Command': command.remote.Command,
  'command:local:Command': command.local.Command,
  'kubernetes:helm.sh/v3:Release': k8s.helm.v3.Release,
  'kubernetes:helm.sh/v4:Chart': k8s.helm.v4.Chart,
  'kubernetes:yaml/v2:ConfigGroup': k8s.yaml.v2.ConfigGroup,
  'kubernetes:core/v1:Namespace': k8s.core.v1.Namespace,
  'kubernetes:core/v1:Pod': k8s.core.v1.Pod,
  'kubernetes:apps/v1:Deployment': k8s.apps.v1.Deployment,
  'kubernetes:apps/v1:StatefulSet': k8s.apps.v1.StatefulSet,
  'kubernetes:apps/v1:DaemonSet': k8s.apps.v1.DaemonSet,
  'kubernetes:apps/v1:ReplicaSet': k8s.apps.v1.ReplicaSet,
  'kubernetes:batch/v1:Job': k8s.batch.v1.Job,
  'kubernetes:batch/v1:CronJob': k8s.batch.v1.CronJob,
  'kubernetes:autoscaling/v2:HorizontalPodAutoscaler': k8s.autoscaling.v2.HorizontalPodAutoscaler,
};

test('every token a rule matches is an SDK class token', () => {
  const tokens = [...new Set(BASELINE_RULES.flatMap((r) => r.resourceTypes))].sort();
  expect(tokens.filter((t) => CLASSES[t] === undefined)).toEqual([]);
  // `__pulumiType` is the token the SDK registers (marked internal in the typings, hence Reflect).
  expect(tokens.map((t) => String(Reflect.get(CLASSES[t], '__pulumiType')))).toEqual(tokens);
});
