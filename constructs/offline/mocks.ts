/**
 * Pulumi mocks that answer like the cloud would, deterministically: stable IDs derived from each
 * resource's type and name, and the computed attributes later resources read (addresses, mount
 * domains, CNAMEs). Every registration is recorded for `plan.json`.
 */
import { createHash } from 'crypto';
import * as pulumi from '@pulumi/pulumi';
import { standInDigest as digest, standInNasMountDomain, standInOssEndpoints } from '../core';

/** What one registration looked like to the mock monitor. */
export interface MockRegistration {
  /** Pulumi type token. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** Inputs as the program gave them. */
  readonly inputs: Record<string, unknown>;
}

/** Options of {@link PlanMocks}. */
export interface PlanMocksOptions {
  /** Region used in computed endpoints. */
  readonly region: string;
  /** Outputs of other stacks, by stack name (the last segment of a `StackReference` name). */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /**
   * The stack being evaluated. A `StackReference` to it (a program reading its own previous
   * outputs) answers with `stackOutputs[stack]`, or no outputs: a first deployment.
   * @default - a reference to an unknown stack is an error
   */
  readonly stack?: string;
}

/** A stable IPv4 address from `base` (first two octets) and a name. */
function stableIp(base: string, seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  return `${base}.${h[0]}.${(h[1] % 250) + 2}`;
}

type Computed = (name: string, inputs: Record<string, unknown>, region: string) => Record<string, unknown>;

// Attributes the provider computes and our program reads. Only what is read needs to be here.
const COMPUTED: Record<string, Computed> = {
  'alicloud:ecs/instance:Instance': (name, inputs) => ({
    privateIp: inputs.privateIp ?? stableIp('10.255', name),
    status: 'Running',
    publicIp: '',
  }),
  'alicloud:ecs/eipAddress:EipAddress': (name) => ({ ipAddress: stableIp('47.106', name), status: 'Available' }),
  // An enhanced NAT gateway comes with one SNAT table, which the SNAT entries go into.
  'alicloud:vpc/natGateway:NatGateway': (name) => ({
    snatTableIds: `stb-${digest(`${name}/snat`, 20)}`,
    forwardTableIds: `ftb-${digest(`${name}/forward`, 20)}`,
    status: 'Available',
  }),
  'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer': (name, inputs) => ({
    address: inputs.address ?? (inputs.addressType === 'intranet' ? stableIp('10.254', name) : stableIp('47.107', name)),
    status: 'active',
  }),
  // The Kubernetes-only path computes the same domain from the same function (stacks/shared-stand-ins.ts).
  'alicloud:nas/mountTarget:MountTarget': (name, _inputs, region) => ({
    mountTargetDomain: standInNasMountDomain(name, region),
    status: 'Active',
  }),
  'alicloud:oss/bucket:Bucket': (_name, inputs, region) => ({ ...standInOssEndpoints(region), bucket: inputs.bucket }),
  // Remote commands never run offline: they "print" nothing.
  'command:remote:Command': () => ({ stdout: '', stderr: '' }),
  'alicloud:cdn/domainNew:DomainNew': (_name, inputs) => ({ cname: `${String(inputs.domainName)}.w.kunlunaq.com`, status: 'online' }),
};

/** Stable, realistic-looking IDs: the prefix Alibaba uses for the kind, then a hash. */
const ID_PREFIX: Record<string, string> = {
  'alicloud:vpc/network:Network': 'vpc-',
  'alicloud:vpc/switch:Switch': 'vsw-',
  'alicloud:ecs/securityGroup:SecurityGroup': 'sg-',
  'alicloud:ecs/instance:Instance': 'i-',
  'alicloud:ecs/eipAddress:EipAddress': 'eip-',
  'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer': 'lb-',
  'alicloud:slb/acl:Acl': 'acl-',
  'alicloud:slb/serverGroup:ServerGroup': 'rsp-',
  'alicloud:ecs/ecsDisk:EcsDisk': 'd-',
  'alicloud:vpc/natGateway:NatGateway': 'ngw-',
  'alicloud:vpc/snatEntry:SnatEntry': 'snat-',
};

/** The ID the mocks give a custom resource: Alibaba's prefix for its kind, then a stable hash. */
export function mockResourceId(type: string, name: string): string {
  return `${ID_PREFIX[type] ?? ''}${digest(`${type}::${name}`, 20)}`;
}

/** Pulumi mocks for the offline run: deterministic IDs and computed attributes, every registration recorded. */
export class PlanMocks implements pulumi.runtime.Mocks {
  private readonly recorded = new Map<string, MockRegistration>();

  constructor(private readonly options: PlanMocksOptions) {}

  /** Every registration seen, keyed `type::name`. */
  public get registrations(): ReadonlyMap<string, MockRegistration> {
    return this.recorded;
  }

  /**
   * Records the registration and answers it: a stable ID ({@link mockResourceId}; none for
   * component resources), and the inputs merged with the attributes the provider would compute.
   * A `StackReference` answers with the outputs of the stack of that name from `stackOutputs`.
   */
  public newResource(args: pulumi.runtime.MockResourceArgs): {
    /** The resource's ID, or undefined for a component resource. */
    id: string | undefined;
    /** The resource's state: its inputs plus the computed attributes. */
    state: Record<string, unknown>;
  } {
    const inputs = (args.inputs ?? {}) as Record<string, unknown>;
    this.recorded.set(`${args.type}::${args.name}`, { type: args.type, name: args.name, inputs });
    if (args.type === 'pulumi:pulumi:StackReference') {
      const ref = String(inputs.name ?? args.name);
      const stack = ref.split('/').pop() ?? ref;
      const outputs = this.options.stackOutputs?.[stack] ?? (stack === this.options.stack ? {} : undefined);
      if (outputs === undefined) {
        throw new Error(`StackReference '${ref}': stack '${stack}' has not been evaluated in this offline run`);
      }
      return { id: ref, state: { name: ref, outputs } };
    }
    const computed = COMPUTED[args.type]?.(args.name, inputs, this.options.region) ?? {};
    if (args.custom === false) {
      return { id: undefined, state: computed };
    }
    return { id: mockResourceId(args.type, args.name), state: { ...inputs, ...computed } };
  }

  public call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
    throw new Error(
      `offline run: the program called '${args.token}'; data-source calls need a cloud account, so the program must not make them`,
    );
  }
}
