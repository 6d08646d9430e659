import { ResourceRequirements } from '../common';
import { Validator } from '../../core';

/** Container resources with every value present, after defaults are applied. */
export interface ResolvedResources {
  /** CPU the scheduler reserves, as a Kubernetes quantity (`250m`, `1`). */
  readonly cpuRequest: string;
  /** CPU the container is throttled at. */
  readonly cpuLimit: string;
  /** Memory the scheduler reserves, as a Kubernetes quantity (`512Mi`, `1Gi`). */
  readonly memoryRequest: string;
  /** Memory above which the container is OOM-killed; JVM and cache sizes are derived from it. */
  readonly memoryLimit: string;
  /** Local disk the scheduler reserves. @default DEFAULT_EPHEMERAL_STORAGE_REQUEST */
  readonly ephemeralStorageRequest?: string;
  /** Local disk above which the pod is evicted. @default DEFAULT_EPHEMERAL_STORAGE_LIMIT */
  readonly ephemeralStorageLimit?: string;
}

/**
 * Local disk every container reserves: with read-only root file systems it covers the container's log files
 * (kubelet rotates them at 10Mi × 5) and a little scratch space.
 */
export const DEFAULT_EPHEMERAL_STORAGE_REQUEST = '256Mi';
/**
 * Local disk above which the kubelet evicts a pod (the sum over its containers, disk-backed emptyDirs included):
 * a runaway log or scratch writer is evicted instead of filling the node's disk for everyone.
 */
export const DEFAULT_EPHEMERAL_STORAGE_LIMIT = '2Gi';

const CPU_PATTERN = /^(\d+(?:\.\d+)?)(m?)$/;
const MEMORY_PATTERN = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const MEMORY_FACTORS: Readonly<Record<string, number>> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** CPU quantity in millicores, or `undefined` if it is not a plain CPU quantity. */
export function parseCpuMillis(quantity: string): number | undefined {
  const m = CPU_PATTERN.exec(quantity);
  if (!m) {
    return undefined;
  }
  const value = Number(m[1]);
  return m[2] === 'm' ? value : value * 1000;
}

/** Memory quantity in MiB (rounded down), or `undefined` if it is not a plain memory quantity. */
export function parseMemoryMiB(quantity: string): number | undefined {
  const m = MEMORY_PATTERN.exec(quantity);
  if (!m) {
    return undefined;
  }
  return Math.floor((Number(m[1]) * MEMORY_FACTORS[m[2] ?? '']) / 1024 ** 2);
}

/** Applies defaults and reports malformed quantities or requests above limits under `key`. */
export function resolveResources(
  v: Validator,
  key: string,
  given: ResourceRequirements | undefined,
  defaults: ResolvedResources,
): ResolvedResources {
  const r: ResolvedResources = {
    cpuRequest: given?.cpuRequest ?? defaults.cpuRequest,
    cpuLimit: given?.cpuLimit ?? defaults.cpuLimit,
    memoryRequest: given?.memoryRequest ?? defaults.memoryRequest,
    memoryLimit: given?.memoryLimit ?? defaults.memoryLimit,
    ephemeralStorageRequest: given?.ephemeralStorageRequest ?? defaults.ephemeralStorageRequest ?? DEFAULT_EPHEMERAL_STORAGE_REQUEST,
    ephemeralStorageLimit: given?.ephemeralStorageLimit ?? defaults.ephemeralStorageLimit ?? DEFAULT_EPHEMERAL_STORAGE_LIMIT,
  };
  const cpuReq = parseCpuMillis(r.cpuRequest);
  const cpuLim = parseCpuMillis(r.cpuLimit);
  const memReq = parseMemoryMiB(r.memoryRequest);
  const memLim = parseMemoryMiB(r.memoryLimit);
  if (cpuReq === undefined) v.add(`${key}.cpuRequest`, r.cpuRequest, 'must be a CPU quantity such as 250m or 1');
  if (cpuLim === undefined) v.add(`${key}.cpuLimit`, r.cpuLimit, 'must be a CPU quantity such as 500m or 2');
  if (memReq === undefined) v.add(`${key}.memoryRequest`, r.memoryRequest, 'must be a memory quantity such as 512Mi or 1Gi');
  if (memLim === undefined) v.add(`${key}.memoryLimit`, r.memoryLimit, 'must be a memory quantity such as 512Mi or 1Gi');
  const diskReq = parseMemoryMiB(r.ephemeralStorageRequest ?? '');
  const diskLim = parseMemoryMiB(r.ephemeralStorageLimit ?? '');
  if (diskReq === undefined) v.add(`${key}.ephemeralStorageRequest`, r.ephemeralStorageRequest, 'must be a size such as 256Mi or 1Gi');
  if (diskLim === undefined) v.add(`${key}.ephemeralStorageLimit`, r.ephemeralStorageLimit, 'must be a size such as 1Gi or 2Gi');
  if (diskReq !== undefined && diskLim !== undefined && diskReq > diskLim) {
    v.add(
      `${key}.ephemeralStorageRequest`,
      r.ephemeralStorageRequest,
      `must not exceed ephemeralStorageLimit (${r.ephemeralStorageLimit})`,
    );
  }
  if (cpuReq !== undefined && cpuLim !== undefined && cpuReq > cpuLim) {
    v.add(`${key}.cpuRequest`, r.cpuRequest, `must not exceed cpuLimit (${r.cpuLimit})`);
  }
  if (memReq !== undefined && memLim !== undefined && memReq > memLim) {
    v.add(`${key}.memoryRequest`, r.memoryRequest, `must not exceed memoryLimit (${r.memoryLimit})`);
  }
  return r;
}
