import * as ecs from '@pulumi/alicloud/ecs';
import * as ram from '@pulumi/alicloud/ram';
import * as pulumi from '@pulumi/pulumi';
import { PolicyStatement, ecsTrustPolicy, permissionPolicy } from './policy';

/** An instance the role is attached to, typically one of a `NodePool`'s `nodes`. */
export interface NodeRoleInstance {
  /** Used in the attachment's resource name. */
  readonly name: string;
  /** The ECS instance that gets the role. */
  readonly instance: ecs.Instance;
}

/** Props of {@link NodeRamRole}. */
export interface NodeRamRoleProps {
  /**
   * RAM role name (unique in the account).
   * @default - the component's name
   */
  readonly roleName?: string;
  /** What the nodes may do, as `Allow` statements (see `NAS_CSI_SUBPATH_ACTIONS`). */
  readonly statements: readonly PolicyStatement[];
  /** The instances that carry the role. */
  readonly instances: readonly NodeRoleInstance[];
  /**
   * Description of the role and its policy.
   * @default 'Instance role of <name>'
   */
  readonly description?: string;
}

/**
 * An instance RAM role for cluster nodes: pods on the nodes (such as the NAS CSI driver) get
 * short-lived credentials from the metadata service instead of an AccessKey kept in a Secret.
 */
export class NodeRamRole extends pulumi.ComponentResource {
  /** The component's type token. */
  public static readonly TYPE = 'aliyun-kubesphere:alicloud:NodeRamRole';

  /** The RAM role ECS instances assume. */
  public readonly role: ram.Role;
  /** The custom permission policy. */
  public readonly policy: ram.Policy;
  /** The role's name. */
  public readonly roleName: string;

  constructor(name: string, props: NodeRamRoleProps, opts?: pulumi.ComponentResourceOptions) {
    super(NodeRamRole.TYPE, name, {}, opts);
    // Build the documents first: a malformed action throws before any child is registered.
    const document = permissionPolicy(props.statements);
    this.roleName = props.roleName ?? name;
    const description = props.description ?? `Instance role of ${name}`;

    this.role = new ram.Role(
      `${name}-role`,
      { roleName: this.roleName, assumeRolePolicyDocument: ecsTrustPolicy(), description },
      { parent: this },
    );
    this.policy = new ram.Policy(
      `${name}-policy`,
      { policyName: `${this.roleName}-policy`, policyDocument: document, description },
      { parent: this },
    );
    const attachment = new ram.RolePolicyAttachment(
      `${name}-policy-attachment`,
      { roleName: this.role.roleName, policyName: this.policy.policyName, policyType: 'Custom' },
      { parent: this },
    );
    for (const node of props.instances) {
      new ecs.RamRoleAttachment(
        `${name}-${node.name}`,
        { instanceId: node.instance.id, ramRoleName: this.role.roleName },
        { parent: this, dependsOn: [attachment] },
      );
    }
    this.registerOutputs({ roleName: this.role.roleName });
  }
}
