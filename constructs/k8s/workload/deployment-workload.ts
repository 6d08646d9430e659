import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Labels } from '../common';
import { ContainerSpec } from './container';
import { workloadLabels } from './labels';
import { configMapVolume, emptyDirVolume, workloadPodTemplate } from './pod-template';
import { PodIdentity } from './security';
import { ServicePortSpec, createConfigMap, createDisruptionBudget, createService } from './workload-parts';

/** Everything the stateless constructs need from a Deployment. */
export interface DeploymentWorkloadOptions {
  readonly name: string;
  readonly namespace?: string;
  readonly component: string;
  readonly extraLabels?: Labels;
  /** Desired replicas; with `autoscaled`, the autoscaler's minimum (spread and PDB are sized from it). */
  readonly replicas: number;
  /**
   * A HorizontalPodAutoscaler owns the replica count: `spec.replicas` is left out, or every apply would reset
   * the count the HPA chose (kube-score: deployment-targeted-by-hpa-does-not-have-replicas-configured).
   */
  readonly autoscaled?: boolean;
  readonly identity: PodIdentity;
  readonly containers: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
  readonly ports: readonly ServicePortSpec[];
  readonly emptyDirs?: readonly string[];
  /** ConfigMap data, mounted by containers as volume `config`. */
  readonly configData?: Readonly<Record<string, string>>;
  readonly strictSpread?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  /** PriorityClass of the pods. @default - none (priority 0) */
  readonly priorityClassName?: string;
}

/** A Deployment with its Service, optional ConfigMap and PDB. Internal. */
export class DeploymentWorkload extends Construct {
  public readonly deployment: k8s.KubeDeployment;
  public readonly service: k8s.KubeService;
  public readonly configMap?: k8s.KubeConfigMap;
  public readonly selectorLabels: Labels;
  public readonly labels: Labels;

  constructor(scope: Construct, id: string, o: DeploymentWorkloadOptions) {
    super(scope, id);
    const labels = workloadLabels(o.component, o.name, o.extraLabels);
    const meta = { name: o.name, namespace: o.namespace, labels: labels.all };
    this.selectorLabels = labels.selector;
    this.labels = labels.all;

    const volumes: k8s.Volume[] = (o.emptyDirs ?? []).map((n) => emptyDirVolume(n));
    if (o.configData) {
      this.configMap = createConfigMap(this, meta, o.configData);
      volumes.push(configMapVolume('config', `${o.name}-config`));
    }
    this.service = createService(this, 'Service', meta, labels.selector, o.ports);
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: { name: o.name, namespace: o.namespace, labels: { ...labels.all } },
      spec: {
        replicas: o.autoscaled === true ? undefined : o.replicas,
        // Never below the desired count during a rollout: one extra pod at a time.
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromNumber(1) },
        },
        selector: { matchLabels: { ...labels.selector } },
        template: workloadPodTemplate(o, labels, volumes),
      },
    });
    createDisruptionBudget(this, meta, labels.selector, o.replicas);
  }
}
