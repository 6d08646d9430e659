/** A small estate that complies with every rule of the pack, one resource or more of each kind the rules cover. */
import { PlannedResource } from '../../../constructs/core/plan';
import * as f from './fixtures';

export const COMPLIANT_ESTATE: readonly PlannedResource[] = [
  f.instance(),
  f.disk(),
  f.res(f.ATTACHMENT, 'node-1-data-attachment', { diskId: 'd-1', instanceId: 'i-1', deleteWithInstance: false }),
  f.sgRule(),
  f.clb(),
  f.listener(),
  f.aclEntry('203.0.113.0/24'),
  f.eip(),
  f.nas(),
  f.nasRule('10.20.0.0/16'),
  f.bucket(),
  f.bucketAcl(),
  f.bucketPolicy(),
  f.readKubeconfig(),
  f.helm('1.14.3'),
  f.ramPolicy({ Effect: 'Allow', Action: ['nas:CreateDir'], Resource: ['*'] }),
  f.group([f.namespace(), f.deployment(), f.hpa('order-service')]),
];

/** `estate` with `planted` in place of the resources of the same type and name. */
export function plant(estate: readonly PlannedResource[], planted: readonly PlannedResource[]): PlannedResource[] {
  const key = (r: PlannedResource) => `${r.type}::${r.name}`;
  const replaced = new Set(planted.map(key));
  return [...estate.filter((r) => !replaced.has(key(r))), ...planted];
}
