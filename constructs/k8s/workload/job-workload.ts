import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Labels } from '../common';
import { ContainerSpec, secureContainer } from './container';
import { workloadLabels } from './labels';
import { emptyDirVolume } from './pod-template';
import { PodIdentity, restrictedPodSecurityContext } from './security';

/** Everything a run-to-completion task needs from a Job. */
export interface JobWorkloadOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly component: string;
  readonly extraLabels?: Labels;
  readonly identity: PodIdentity;
  /**
   * A Job's containers get no probes: liveness would only restart a task that ends by itself, and readiness gates
   * Service traffic a Job never receives. `activeDeadlineSeconds` bounds a hung run instead.
   */
  readonly container: Omit<ContainerSpec, 'livenessProbe' | 'readinessProbe' | 'startupProbe'>;
  readonly emptyDirs?: readonly string[];
  /** Retries before the Job is marked failed. */
  readonly backoffLimit: number;
  /** Wall-clock limit of the whole Job, retries included. */
  readonly activeDeadlineSeconds: number;
  /** How long the finished Job (and its pod logs) stays before it is garbage-collected. */
  readonly ttlSecondsAfterFinished: number;
  /** PriorityClass of the pod. @default - none (priority 0) */
  readonly priorityClassName?: string;
}

/** A Job under the restricted profile, one pod at a time, failed pods kept for their logs. Internal. */
export class JobWorkload extends Construct {
  public readonly job: k8s.KubeJob;
  /** Labels of the Job's pods, for NetworkPolicies. */
  public readonly selectorLabels: Labels;

  constructor(scope: Construct, id: string, o: JobWorkloadOptions) {
    super(scope, id);
    const labels = workloadLabels(o.component, o.name, o.extraLabels);
    this.selectorLabels = labels.selector;
    const volumes = (o.emptyDirs ?? []).map((n) => emptyDirVolume(n, '16Mi'));
    this.job = new k8s.KubeJob(this, 'Resource', {
      metadata: { name: o.name, namespace: o.namespace, labels: { ...labels.all } },
      spec: {
        backoffLimit: o.backoffLimit,
        activeDeadlineSeconds: o.activeDeadlineSeconds,
        ttlSecondsAfterFinished: o.ttlSecondsAfterFinished,
        template: {
          metadata: { labels: { ...labels.all } },
          spec: {
            // Never: each retry is a new pod, so the logs of a failed attempt survive for `kubectl logs`.
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            priorityClassName: o.priorityClassName,
            securityContext: restrictedPodSecurityContext(o.identity),
            containers: [secureContainer(o.container, o.identity)],
            volumes: volumes.length > 0 ? volumes : undefined,
          },
        },
      },
    });
  }
}
