/** A `pulumi preview --json` digest as Pulumi 3 prints it: a replaced protected NAS, an update, a create, a refused delete. */
export const STACK = 'shared';
const urn = (type: string, name: string, parent = '') => `urn:pulumi:${STACK}::platform::${parent}${type}::${name}`;

export const NAS = urn('alicloud:nas/fileSystem:FileSystem', 'shared-data', 'aliyun-kubesphere:alicloud:NasStorage$');
export const EIP = urn('alicloud:ecs/eipAddress:EipAddress', 'shared-nat-eip');

export const DIGEST = {
  config: { 'alicloud:region': 'cn-shenzhen', 'platform:secrets': '[secret]' },
  steps: [
    { op: 'same', urn: urn('pulumi:pulumi:Stack', `platform-${STACK}`), detailedDiff: null },
    {
      op: 'create-replacement',
      urn: NAS,
      oldState: { protect: true },
      replaceReasons: ['storageType'],
      detailedDiff: { storageType: { kind: 'update-replace', inputDiff: true } },
    },
    {
      op: 'replace',
      urn: NAS,
      oldState: { protect: true },
      newState: { protect: true },
      replaceReasons: ['storageType'],
      detailedDiff: { storageType: { kind: 'update-replace', inputDiff: true } },
    },
    { op: 'delete-replaced', urn: NAS, oldState: { protect: true }, detailedDiff: null },
    {
      op: 'update',
      urn: urn('alicloud:vpc/switch:Switch', 'shared-a'),
      oldState: {},
      diffReasons: ['tags', 'description'],
      detailedDiff: { tags: { kind: 'update', inputDiff: true } },
    },
    { op: 'create', urn: urn('alicloud:ecs/securityGroupRule:SecurityGroupRule', 'shared-ssh'), detailedDiff: null },
    {
      op: 'update',
      urn: urn('alicloud:ecs/instance:Instance', 'shared-devtools'),
      oldState: {},
      detailedDiff: { 'tags.owner': { kind: 'add', inputDiff: true } },
    },
  ],
  diagnostics: [
    {
      urn: NAS,
      prefix: 'error: ',
      message: `unable to replace resource "${NAS}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``,
      severity: 'error',
    },
    {
      urn: EIP,
      prefix: 'error: ',
      message: `unable to delete resource "${EIP}"\nas it is currently marked for protection.`,
      severity: 'error',
    },
    { prefix: 'warning: ', message: 'a warning', severity: 'warning' },
  ],
  changeSummary: { same: 40, create: 1, update: 2, replace: 1 },
};
