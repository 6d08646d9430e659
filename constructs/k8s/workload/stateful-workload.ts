import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Labels } from '../common';
import { ContainerSpec } from './container';
import { workloadLabels } from './labels';
import { configMapVolume, emptyDirVolume, workloadPodTemplate } from './pod-template';
import { PodIdentity } from './security';
import { ServicePortSpec, createConfigMap, createDisruptionBudget, createPeerPolicy, createService } from './workload-parts';

/** A PersistentVolumeClaim template; containers mount it by `name`. */
export interface VolumeClaimSpec {
  readonly name: string;
  readonly size: string;
  readonly storageClassName: string;
}

/** Everything the middleware constructs need from a StatefulSet. */
export interface StatefulWorkloadOptions {
  readonly name: string;
  readonly namespace?: string;
  /** The software, e.g. `mysql`; becomes `app.kubernetes.io/name`. */
  readonly component: string;
  readonly extraLabels?: Labels;
  readonly replicas: number;
  readonly identity: PodIdentity;
  readonly containers: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
  readonly ports: readonly ServicePortSpec[];
  readonly volumeClaims: readonly VolumeClaimSpec[];
  /** emptyDir volumes containers mount by name. */
  readonly emptyDirs?: readonly string[];
  /** ConfigMap data, mounted by containers as volume `config` (or read through `envFrom`, see `configVolume`). */
  readonly configData?: Readonly<Record<string, string>>;
  /**
   * Declare the ConfigMap as pod volume `config`. False when containers read it only through `envFrom`: a
   * volume no container mounts is dead weight that linters (and readers) flag. @default true
   */
  readonly configVolume?: boolean;
  /** Further pod volumes (a second ConfigMap, say); unlike `configData`, changing them does not roll the pods. */
  readonly extraVolumes?: readonly k8s.Volume[];
  /** Parallel lets clustered software whose peers wait on each other restart all at once. */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  readonly strictSpread?: boolean;
  readonly terminationGracePeriodSeconds?: number;
  /** PriorityClass of the pods. @default - none (priority 0) */
  readonly priorityClassName?: string;
}

/**
 * A StatefulSet with its headless (peer discovery) and client Services, optional ConfigMap, PDB and peer
 * NetworkPolicy. Internal: the public constructs decide images, ports and probes.
 */
export class StatefulWorkload extends Construct {
  /** The StatefulSet, with one ReadWriteOnce PVC template per data volume. */
  public readonly statefulSet: k8s.KubeStatefulSet;
  /** The ClusterIP Service clients connect to; peer-only ports are left off it. */
  public readonly service: k8s.KubeService;
  /** The headless Service that gives each member a stable DNS name, with every port including peer-only ones. */
  public readonly headlessService: k8s.KubeService;
  /** The ConfigMap mounted as volume `config`, or `undefined` when the construct has no config files. */
  public readonly configMap?: k8s.KubeConfigMap;
  /** Name of {@link headlessService}: `<name>-headless`. */
  public readonly headlessServiceName: string;
  /** Labels that select the pods, for NetworkPolicy peers. */
  public readonly selectorLabels: Labels;

  /** @internal Created by the middleware constructs only. */
  constructor(scope: Construct, id: string, o: StatefulWorkloadOptions) {
    super(scope, id);
    const labels = workloadLabels(o.component, o.name, o.extraLabels);
    const meta = { name: o.name, namespace: o.namespace, labels: labels.all };
    this.selectorLabels = labels.selector;
    this.headlessServiceName = `${o.name}-headless`;

    const volumes: k8s.Volume[] = (o.emptyDirs ?? []).map((n) => emptyDirVolume(n));
    if (o.configData) {
      this.configMap = createConfigMap(this, meta, o.configData);
      if (o.configVolume ?? true) volumes.push(configMapVolume('config', `${o.name}-config`));
    }
    volumes.push(...(o.extraVolumes ?? []));
    this.headlessService = createService(this, 'Headless', meta, labels.selector, o.ports, true);
    this.service = createService(
      this,
      'Service',
      meta,
      labels.selector,
      o.ports.filter((p) => !p.peerOnly),
    );

    this.statefulSet = new k8s.KubeStatefulSet(this, 'Resource', {
      metadata: { name: o.name, namespace: o.namespace, labels: { ...labels.all } },
      spec: {
        serviceName: this.headlessServiceName,
        replicas: o.replicas,
        podManagementPolicy: o.podManagementPolicy ?? 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate' },
        selector: { matchLabels: { ...labels.selector } },
        template: workloadPodTemplate(o, labels, volumes),
        volumeClaimTemplates: o.volumeClaims.map((c) => ({
          metadata: { name: c.name, labels: { ...labels.selector } },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: c.storageClassName,
            resources: { requests: { storage: k8s.Quantity.fromString(c.size) } },
          },
        })),
      },
    });

    createDisruptionBudget(this, meta, labels.selector, o.replicas);
    createPeerPolicy(
      this,
      meta,
      labels.selector,
      o.replicas,
      o.ports.map((p) => p.port),
    );
  }
}
