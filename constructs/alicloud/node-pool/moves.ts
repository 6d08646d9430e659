/**
 * Pure rules for the one edit a node pool must never carry out by itself: moving a running node to
 * another address or vSwitch.
 *
 * The provider changes `private_ip` and `vswitch_id` of an existing ECS instance in place, by
 * stopping it, modifying its VPC attributes and starting it again (terraform-provider-alicloud
 * `resource_alicloud_instance.go`, `modifyVpcAttribute`), and Pulumi would do it to every node of a
 * pool at once. A Kubernetes node that changes address loses its etcd peer URL, the SANs of its
 * certificates and its entry in KubeKey's host list: re-addressing is a procedure (drain,
 * `kk delete node`, replace, `kk add nodes`), never a config edit. So the pool ignores changes to
 * these arguments, and {@link nodeMoveProblem} turns a planned move into a refusal that names the
 * procedure, both in `pulumi preview`/`up` and in the offline diff.
 */

/** Where the node replacement procedure is written down. */
export const NODE_REPLACEMENT_PROCEDURE = 'README.md, "Replacing or re-addressing a node"';

/**
 * ECS instance arguments that re-address a node: a change to any of them is only ever made by
 * replacing the node through the procedure.
 */
export const NODE_ADDRESS_ARGS: readonly string[] = ['privateIp', 'vswitchId'];

/** A node's address: its private IPv4 address and the vSwitch it is in. */
export interface NodeAddressState {
  /** Private IPv4 address; `''` while the instance does not exist. */
  readonly privateIp: string;
  /** vSwitch ID; `''` while the instance does not exist. */
  readonly vswitchId: string;
}

/** The node as planned from the config, and the instance as it is (its state). */
export interface NodeMoveInput {
  /** Node name, `<pool>-<n>`. */
  readonly name: string;
  /** Where the config puts the node. */
  readonly planned: NodeAddressState;
  /** Where the instance is: its outputs, which (with the address arguments ignored) are its state. */
  readonly live: NodeAddressState;
}

/** The start of every refusal, so the offline diff and the preview say the same thing. */
export const NEEDS_NODE_REPLACEMENT = 'needs a node replacement procedure';

/**
 * Why the config cannot move this node, or undefined when its address is the planned one. An empty
 * live value means the instance does not exist yet (nothing to move).
 */
export function nodeMoveProblem(input: NodeMoveInput): string | undefined {
  const { live, planned } = input;
  if (live.privateIp === '' || live.vswitchId === '') {
    return undefined;
  }
  if (live.privateIp === planned.privateIp && live.vswitchId === planned.vswitchId) {
    return undefined;
  }
  const where = (a: NodeAddressState) => `${a.privateIp} in ${a.vswitchId}`;
  return (
    `node ${input.name} would move from ${where(live)} to ${where(planned)}: the config (the pool's addressOffset, ` +
    `privateIps or zone order) re-addresses a running node, which ${NEEDS_NODE_REPLACEMENT} (${NODE_REPLACEMENT_PROCEDURE}); ` +
    `pulumi up never changes a node's address in place. Put the config back, or follow the procedure and list ` +
    `${input.name} in the pool's replaceNodes`
  );
}

/** Thrown when a node's planned address differs from its instance's. */
export class NodeMoveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeMoveError';
  }
}

/** Node names of a pool that `replaceNodes` may list: `<pool>-1` … `<pool>-<count>`. */
export function unknownReplaceNodes(poolName: string, count: number, replaceNodes: readonly string[]): string[] {
  const names = new Set(Array.from({ length: count }, (_, i) => `${poolName}-${i + 1}`));
  return replaceNodes.filter((n) => !names.has(n));
}
