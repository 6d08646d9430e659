/**
 * The type tokens the rules match are the SDKs' own: each equals the `__pulumiType` of the class
 * a program instantiates, so a typo (or a token an SDK renames) fails here, not silently in review.
 */
import * as ecs from '@pulumi/alicloud/ecs';
import * as nas from '@pulumi/alicloud/nas';
import * as oss from '@pulumi/alicloud/oss';
import * as ram from '@pulumi/alicloud/ram';
import * as slb from '@pulumi/alicloud/slb';
import * as command from '@pulumi/command';
import * as corev1 from '@pulumi/kubernetes/core/v1';
import * as yamlv2 from '@pulumi/kubernetes/yaml/v2';
import * as appsv1 from '@pulumi/kubernetes/apps/v1';
import * as batchv1 from '@pulumi/kubernetes/batch/v1';
import * as autoscalingv2 from '@pulumi/kubernetes/autoscaling/v2';
import * as helmv3 from '@pulumi/kubernetes/helm/v3';
import * as helmv4 from '@pulumi/kubernetes/helm/v4';
import { BASELINE_RULES } from '../../../constructs/policy/rules';

/** The SDK class a program instantiates, by the token the rules use. */
const CLASSES: Record<string, object> = {
  'alicloud:ecs/instance:Instance': ecs.Instance,
  'alicloud:ecs/ecsDisk:EcsDisk': ecs.EcsDisk,
  'alicloud:ecs/disk:Disk': ecs.Disk,
  'alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment': ecs.EcsDiskAttachment,
  'alicloud:ecs/securityGroupRule:SecurityGroupRule': ecs.SecurityGroupRule,
  'alicloud:ecs/eipAddress:EipAddress': ecs.EipAddress,
  'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer': slb.ApplicationLoadBalancer,
  'alicloud:slb/listener:Listener': slb.Listener,
  'alicloud:slb/aclEntryAttachment:AclEntryAttachment': slb.AclEntryAttachment,
  'alicloud:nas/fileSystem:FileSystem': nas.FileSystem,
  'alicloud:nas/accessRule:AccessRule': nas.AccessRule,
  'alicloud:oss/bucket:Bucket': oss.Bucket,
  'alicloud:oss/bucketAcl:BucketAcl': oss.BucketAcl,
  'alicloud:oss/bucketPolicy:BucketPolicy': oss.BucketPolicy,
  'alicloud:oss/bucketCors:BucketCors': oss.BucketCors,
  'alicloud:oss/bucketLogging:BucketLogging': oss.BucketLogging,
  'alicloud:oss/bucketReferer:BucketReferer': oss.BucketReferer,
  'alicloud:oss/bucketServerSideEncryption:BucketServerSideEncryption': oss.BucketServerSideEncryption,
  'alicloud:oss/bucketTransferAcceleration:BucketTransferAcceleration': oss.BucketTransferAcceleration,
  'alicloud:oss/bucketVersioning:BucketVersioning': oss.BucketVersioning,
  'alicloud:oss/bucketWebsite:BucketWebsite': oss.BucketWebsite,
  'alicloud:oss/bucketAccessMonitor:BucketAccessMonitor': oss.BucketAccessMonitor,
  'alicloud:ram/policy:Policy': ram.Policy,
  'command:remote:Command': command.remote.Command,
  'command:local:Command': command.local.Command,
  'kubernetes:helm.sh/v3:Release': helmv3.Release,
  'kubernetes:helm.sh/v4:Chart': helmv4.Chart,
  'kubernetes:yaml/v2:ConfigGroup': yamlv2.ConfigGroup,
  'kubernetes:core/v1:Namespace': corev1.Namespace,
  'kubernetes:core/v1:Pod': corev1.Pod,
  'kubernetes:apps/v1:Deployment': appsv1.Deployment,
  'kubernetes:apps/v1:StatefulSet': appsv1.StatefulSet,
  'kubernetes:apps/v1:DaemonSet': appsv1.DaemonSet,
  'kubernetes:apps/v1:ReplicaSet': appsv1.ReplicaSet,
  'kubernetes:batch/v1:Job': batchv1.Job,
  'kubernetes:batch/v1:CronJob': batchv1.CronJob,
  'kubernetes:autoscaling/v2:HorizontalPodAutoscaler': autoscalingv2.HorizontalPodAutoscaler,
};

test('every token a rule matches is an SDK class token', () => {
  const tokens = [...new Set(BASELINE_RULES.flatMap((r) => r.resourceTypes))].sort();
  expect(tokens.filter((t) => CLASSES[t] === undefined)).toEqual([]);
  // `__pulumiType` is the token the SDK registers (marked internal in the typings, hence Reflect).
  expect(tokens.map((t) => String(Reflect.get(CLASSES[t], '__pulumiType')))).toEqual(tokens);
});
