/**
 * The estate as a diagram sees it, read from an offline run's plan: which machines sit in which
 * zone with which roles, what the load balancers front, where the NAS is mounted, what the CDN
 * serves, and which namespaces and workloads each cluster runs. Pure: data in, data out.
 *
 * Resources refer to each other by ID (`vswitchId`, `serverId`, ...). The plan holds the IDs the
 * offline mocks gave them, so references are followed through {@link mockResourceId}.
 */
import { mockResourceId } from '../mocks';
import { Plan, PlannedResource } from '../../core';
import { ClusterFacts, DiagramInputs } from './artifacts';

/** Pulumi type tokens the diagram reads. */
const DIAGRAM_TYPES = {
  vpc: 'alicloud:vpc/network:Network',
  vswitch: 'alicloud:vpc/switch:Switch',
  instance: 'alicloud:ecs/instance:Instance',
  eipAssociation: 'alicloud:ecs/eipAssociation:EipAssociation',
  loadBalancer: 'alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer',
  serverGroup: 'alicloud:slb/serverGroup:ServerGroup',
  serverAttachment: 'alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment',
  listener: 'alicloud:slb/listener:Listener',
  nasFileSystem: 'alicloud:nas/fileSystem:FileSystem',
  nasMountTarget: 'alicloud:nas/mountTarget:MountTarget',
  bucket: 'alicloud:oss/bucket:Bucket',
  cdnDomain: 'alicloud:cdn/domainNew:DomainNew',
  nodePool: 'aliyun-kubesphere:alicloud:NodePool',
  devToolsHost: 'aliyun-kubesphere:alicloud:DevToolsHost',
  kubeSphereCluster: 'aliyun-kubesphere:alicloud:KubeSphereCluster',
} as const;

/** One ECS instance. */
export interface EstateMachine {
  /** Unique key in the diagram: `stack/resource name`. */
  readonly key: string;
  /** The stack that owns it. */
  readonly stack: string;
  /** Instance (and host) name. */
  readonly name: string;
  /** Fixed private IPv4 address, or `undefined` when the cloud picks one. */
  readonly privateIp?: string;
  /** Zone of its vSwitch, when the vSwitch is in the plan. */
  readonly zone?: string;
  /** ECS instance type. */
  readonly instanceType?: string;
  /** KubeKey roles (`etcd`, `control-plane`, `worker`), or the host's purpose for a machine outside any cluster. */
  readonly roles: readonly string[];
  /** The node pool (component name) it belongs to, if any. */
  readonly pool?: string;
  /** The KubeSphere cluster it belongs to, if any. */
  readonly cluster?: string;
  /** True for the dev-tools host (GitLab, Mantis). */
  readonly devTools: boolean;
  /** True when an EIP is associated with it. */
  readonly publicAddress: boolean;
}

/** One SLB (CLB) and the machines it forwards to. */
export interface EstateLoadBalancer {
  /** Unique key in the diagram. */
  readonly key: string;
  /** The stack that owns it. */
  readonly stack: string;
  /** Resource name. */
  readonly name: string;
  /** `internet` or `intranet`. */
  readonly addressType: string;
  /** Listener front-end ports. */
  readonly ports: readonly number[];
  /** Keys of the backend machines. */
  readonly backends: readonly string[];
}

/** A NAS file system with the zones it is mounted in. */
export interface EstateFileSystem {
  /** Unique key in the diagram. */
  readonly key: string;
  /** The stack that owns it. */
  readonly stack: string;
  /** Resource name. */
  readonly name: string;
  /** `Performance`, `Capacity`, ... */
  readonly storageType?: string;
  /** `NFS` or `SMB`. */
  readonly protocolType?: string;
  /** Zone of the file system. */
  readonly zone?: string;
  /** Zones of its mount targets. */
  readonly mountZones: readonly string[];
}

/** An OSS bucket and the CDN domains that serve it. */
export interface EstateBucket {
  /** Unique key in the diagram. */
  readonly key: string;
  /** The stack that owns it. */
  readonly stack: string;
  /** Bucket name. */
  readonly bucket: string;
  /** `ZRS` or `LRS`. */
  readonly redundancyType?: string;
  /** CDN domains whose origin is this bucket. */
  readonly cdnDomains: readonly string[];
}

/** A vSwitch: one zone of the VPC. */
export interface EstateZone {
  /** Zone ID, for example `cn-shenzhen-e`. */
  readonly zone: string;
  /** The vSwitch's CIDR. */
  readonly cidr?: string;
}

/** A VPC and its zones. */
export interface EstateVpc {
  /** Unique key in the diagram. */
  readonly key: string;
  /** VPC name. */
  readonly name: string;
  /** The VPC's CIDR. */
  readonly cidr?: string;
  /** Its vSwitches, one per zone, in plan order. */
  readonly zones: readonly EstateZone[];
}

/** Everything a diagram of the estate shows. */
export interface Estate {
  /** VPCs (usually one). */
  readonly vpcs: readonly EstateVpc[];
  /** Every ECS instance of every stack. */
  readonly machines: readonly EstateMachine[];
  /** Every SLB. */
  readonly loadBalancers: readonly EstateLoadBalancer[];
  /** Every NAS file system. */
  readonly fileSystems: readonly EstateFileSystem[];
  /** Every OSS bucket. */
  readonly buckets: readonly EstateBucket[];
  /** KubeSphere clusters, with their versions, namespaces and workloads. */
  readonly clusters: readonly ClusterFacts[];
}

interface Located extends PlannedResource {
  readonly stack: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The roles NodePool writes into an instance description: `<pool> node (etcd, control-plane)`. */
function rolesFromDescription(description: string | undefined): string[] {
  const match = /\(([^)]*)\)\s*$/.exec(description ?? '');
  return match
    ? match[1]
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '')
    : [];
}

/** Reads the estate out of a plan and, optionally, the cluster facts found in the run's artifacts. */
export function describeEstate(plan: Plan, inputs: DiagramInputs = {}): Estate {
  const all: Located[] = Object.entries(plan.stacks).flatMap(([stack, s]) => s.resources.map((r) => ({ ...r, stack })));
  const byId = new Map<string, Located>(all.map((r) => [mockResourceId(r.type, r.name), r]));
  const ofType = (type: string) => all.filter((r) => r.type === type);
  const ref = (value: unknown, type: string): Located | undefined => {
    const found = byId.get(str(value) ?? '');
    return found?.type === type ? found : undefined;
  };
  const parentOf = (r: Located): Located | undefined => all.find((p) => p.stack === r.stack && `${p.type}::${p.name}` === r.parent);
  const zoneOf = (vswitchId: unknown) => str(ref(vswitchId, DIAGRAM_TYPES.vswitch)?.inputs.zoneId);

  const kubeKeyHosts = new Map<string, { cluster: string; roles: readonly string[] }>();
  for (const cluster of inputs.clusters ?? []) {
    for (const host of cluster.hosts) {
      kubeKeyHosts.set(host.name, { cluster: cluster.name, roles: host.roles });
    }
  }
  const clusterOfStack = new Map(ofType(DIAGRAM_TYPES.kubeSphereCluster).map((c) => [c.stack, c.name]));
  const withEip = new Set(ofType(DIAGRAM_TYPES.eipAssociation).map((a) => str(a.inputs.instanceId)));

  const machines: EstateMachine[] = ofType(DIAGRAM_TYPES.instance).map((r) => {
    const name = str(r.inputs.instanceName) ?? str(r.inputs.hostName) ?? r.name;
    const parent = parentOf(r);
    const devTools = parent?.type === DIAGRAM_TYPES.devToolsHost;
    const kk = kubeKeyHosts.get(str(r.inputs.hostName) ?? name);
    const roles = kk?.roles ?? (devTools ? ['GitLab', 'Mantis'] : rolesFromDescription(str(r.inputs.description)));
    const inCluster = kk?.cluster ?? (parent?.type === DIAGRAM_TYPES.nodePool ? clusterOfStack.get(r.stack) : undefined);
    return {
      key: `${r.stack}/${r.name}`,
      stack: r.stack,
      name,
      privateIp: str(r.inputs.privateIp),
      zone: zoneOf(r.inputs.vswitchId),
      instanceType: str(r.inputs.instanceType),
      roles: [...roles],
      pool: parent?.type === DIAGRAM_TYPES.nodePool ? parent.name : undefined,
      cluster: inCluster,
      devTools,
      publicAddress: withEip.has(mockResourceId(r.type, r.name)),
    };
  });
  const machineKey = (id: unknown) => {
    const r = ref(id, DIAGRAM_TYPES.instance);
    return r ? `${r.stack}/${r.name}` : undefined;
  };

  const loadBalancers: EstateLoadBalancer[] = ofType(DIAGRAM_TYPES.loadBalancer).map((lb) => {
    const lbId = mockResourceId(lb.type, lb.name);
    const groups = new Set(
      ofType(DIAGRAM_TYPES.serverGroup)
        .filter((g) => g.inputs.loadBalancerId === lbId)
        .map((g) => mockResourceId(g.type, g.name)),
    );
    const backends = ofType(DIAGRAM_TYPES.serverAttachment)
      .filter((a) => groups.has(str(a.inputs.serverGroupId) ?? ''))
      .map((a) => machineKey(a.inputs.serverId))
      .filter((k): k is string => k !== undefined);
    const ports = ofType(DIAGRAM_TYPES.listener)
      .filter((l) => l.inputs.loadBalancerId === lbId)
      .map((l) => num(l.inputs.frontendPort))
      .filter((p): p is number => p !== undefined);
    return {
      key: `${lb.stack}/${lb.name}`,
      stack: lb.stack,
      name: str(lb.inputs.loadBalancerName) ?? lb.name,
      addressType: str(lb.inputs.addressType) ?? 'internet',
      ports,
      backends,
    };
  });

  const fileSystems: EstateFileSystem[] = ofType(DIAGRAM_TYPES.nasFileSystem).map((fs) => {
    const fsId = mockResourceId(fs.type, fs.name);
    const mountZones = ofType(DIAGRAM_TYPES.nasMountTarget)
      .filter((m) => m.inputs.fileSystemId === fsId)
      .map((m) => zoneOf(m.inputs.vswitchId))
      .filter((z): z is string => z !== undefined);
    return {
      key: `${fs.stack}/${fs.name}`,
      stack: fs.stack,
      name: fs.name,
      storageType: str(fs.inputs.storageType),
      protocolType: str(fs.inputs.protocolType),
      zone: str(fs.inputs.zoneId),
      mountZones: [...new Set(mountZones)],
    };
  });

  const cdnDomains = ofType(DIAGRAM_TYPES.cdnDomain).map((d) => ({
    domain: str(d.inputs.domainName) ?? d.name,
    origins: (Array.isArray(d.inputs.sources) ? d.inputs.sources : []).map(
      (s: unknown) => str((s as Record<string, unknown> | null)?.content) ?? '',
    ),
  }));
  const buckets: EstateBucket[] = ofType(DIAGRAM_TYPES.bucket).map((b) => {
    const bucket = str(b.inputs.bucket) ?? b.name;
    return {
      key: `${b.stack}/${b.name}`,
      stack: b.stack,
      bucket,
      redundancyType: str(b.inputs.redundancyType),
      cdnDomains: cdnDomains.filter((d) => d.origins.some((o) => o.startsWith(`${bucket}.`))).map((d) => d.domain),
    };
  });

  const vpcs: EstateVpc[] = ofType(DIAGRAM_TYPES.vpc).map((v) => {
    const vpcId = mockResourceId(v.type, v.name);
    const zones = ofType(DIAGRAM_TYPES.vswitch)
      .filter((s) => s.inputs.vpcId === vpcId)
      .map((s) => ({ zone: str(s.inputs.zoneId) ?? s.name, cidr: str(s.inputs.cidrBlock) }));
    return { key: `${v.stack}/${v.name}`, name: str(v.inputs.vpcName) ?? v.name, cidr: str(v.inputs.cidrBlock), zones };
  });

  // A cluster with no documents among the artifacts still shows, by its component's name.
  const known = new Set((inputs.clusters ?? []).map((c) => c.name));
  const clusters: ClusterFacts[] = [
    ...(inputs.clusters ?? []),
    ...[...clusterOfStack.values()].filter((name) => !known.has(name)).map((name) => ({ name, hosts: [], namespaces: [] })),
  ];
  return { vpcs, machines, loadBalancers, fileSystems, buckets, clusters };
}
