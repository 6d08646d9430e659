/**
 * Pure RAM policy documents for node roles: who may assume the role (ECS), and what it may do.
 * @see https://www.alibabacloud.com/help/en/ram/user-guide/policy-structure-and-syntax
 */
import { Validator } from '../../core';

/** One `Allow` statement: actions on resources. */
export interface PolicyStatement {
  /** RAM actions, such as `nas:DescribeFileSystems`. */
  readonly actions: readonly string[];
  /**
   * Resources the actions apply to.
   * @default ['*']
   */
  readonly resources?: readonly string[];
  /**
   * RAM condition block, for example `{ StringLike: { 'oss:Prefix': ['mysql/*'] } }`.
   * @default - none
   */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/**
 * What the Alibaba NAS CSI driver calls in `subpath` mode: it mounts an existing file system and
 * creates, quotas and recycles sub-directories. A subset of the driver's `docs/ram-policies/nas.json`,
 * which also grants creating and deleting whole file systems (only `filesystem` mode needs that).
 * @see https://github.com/kubernetes-sigs/alibaba-cloud-csi-driver/blob/master/docs/ram-policies/nas.json
 */
export const NAS_CSI_SUBPATH_ACTIONS: readonly string[] = [
  'nas:DescribeFileSystems',
  'nas:DescribeMountTargets',
  'nas:DescribeProtocolMountTarget',
  'nas:CreateDir',
  'nas:SetDirQuota',
  'nas:CancelDirQuota',
  'nas:DescribeDirQuotas',
  'nas:EnableRecycleBin',
  'nas:GetRecycleBinAttribute',
];

const ACTION_PATTERN = /^[a-z][a-z0-9-]*:[A-Za-z*][A-Za-z0-9*]*$/;

/** The trust policy that lets ECS instances assume a role (the instance RAM role). */
export function ecsTrustPolicy(): string {
  return JSON.stringify({
    Version: '1',
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }],
  });
}

/**
 * A permission policy document from `Allow` statements.
 * @throws ValidationError naming `statements[i].actions[j]` for a malformed action, or `statements` when empty
 */
export function permissionPolicy(statements: readonly PolicyStatement[]): string {
  const v = new Validator();
  if (statements.length === 0) {
    v.add('statements', statements, 'is empty; expected at least one statement');
  }
  statements.forEach((s, i) => {
    if (s.actions.length === 0) {
      v.add(`statements[${i}].actions`, s.actions, 'is empty; expected at least one action');
    }
    s.actions.forEach((a, j) => {
      if (!ACTION_PATTERN.test(a)) {
        v.add(`statements[${i}].actions[${j}]`, a, 'is not a RAM action; expected service:Action, for example nas:DescribeFileSystems');
      }
    });
  });
  v.throwIfAny('Invalid RAM policy');
  return JSON.stringify({
    Version: '1',
    Statement: statements.map((s) => ({
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: [...(s.resources ?? ['*'])],
      ...(s.condition !== undefined ? { Condition: s.condition } : {}),
    })),
  });
}
