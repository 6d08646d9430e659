import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { Validator } from '../core';
import { markClusterScoped } from './workload/cluster-scoped';
import { checkObjectName } from './workload/names';

/** The highest value a user-defined PriorityClass may have; higher ones are reserved for `system-*` classes. */
export const MAX_USER_PRIORITY = 1_000_000_000;
/** The lowest value a PriorityClass may have (int32). */
export const MIN_PRIORITY = -2_147_483_648;
/** Pods without a class get priority 0 (no class here is the global default), so any positive value ranks above them. */
export const DEFAULT_POD_PRIORITY = 0;

/** Props of {@link WorkloadPriorityClass}. */
export interface WorkloadPriorityClassProps {
  /** Name of the PriorityClass, which pods name as `priorityClassName`. @default - the construct id */
  readonly name?: string;
  /**
   * Priority of the pods that name it. Under node pressure the kubelet evicts, among pods that exceed their
   * requests, those of lower priority first; the scheduler may preempt lower-priority pods for higher ones.
   */
  readonly value: number;
  /** Shown by `kubectl get priorityclass`. @default - none */
  readonly description?: string;
  /**
   * `Never` keeps the scheduler from evicting others for these pods (they still rank higher under node pressure).
   * @default 'PreemptLowerPriority'
   */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

/** A PriorityClass (`scheduling.k8s.io/v1`, cluster-scoped) for workloads that must outlive business pods on a busy node. */
export class WorkloadPriorityClass extends Construct {
  /** The class name, for the workload constructs' `priorityClassName`. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: WorkloadPriorityClassProps) {
    super(scope, id);
    this.name = props.name ?? id;
    const v = new Validator();
    checkObjectName(v, 'name', this.name);
    if (this.name.startsWith('system-')) v.add('name', this.name, 'must not start with "system-" (reserved for Kubernetes)');
    if (!Number.isInteger(props.value) || props.value < MIN_PRIORITY || props.value > MAX_USER_PRIORITY) {
      v.add('value', props.value, `must be a whole number from ${MIN_PRIORITY} to ${MAX_USER_PRIORITY}`);
    }
    v.throwIfAny(`Invalid WorkloadPriorityClass props (${this.node.path})`);
    markClusterScoped(
      new k8s.KubePriorityClass(this, 'Resource', {
        metadata: { name: this.name },
        value: props.value,
        // never the global default: business pods keep priority 0 and rank below every class made here
        globalDefault: false,
        description: props.description,
        preemptionPolicy: props.preemptionPolicy ?? 'PreemptLowerPriority',
      }),
    );
  }
}
