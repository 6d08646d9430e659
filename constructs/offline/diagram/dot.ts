/**
 * Draws an {@link Estate} as Graphviz DOT: the VPC with one box per zone, inside each zone the
 * node pools with their machines (name, address, roles), the dev-tools host and the NAS mount;
 * outside the VPC the SLBs with an edge to every backend, the OSS buckets with their CDN domains;
 * and one box per KubeSphere cluster with its namespaces and workloads. Pure and deterministic:
 * the same plan always gives the same text.
 */
import { Plan } from '../../core';
import { ClusterFacts, DiagramInputs } from './artifacts';
import { Estate, EstateMachine, describeEstate } from './model';

/** Options of {@link estateToDot} and {@link planToDot}. */
export interface DotOptions {
  /**
   * Title drawn above the diagram.
   * @default 'Estate'
   */
  readonly title?: string;
}

/** Fill colours by what a box is. */
const DIAGRAM_COLOURS = {
  controlPlane: '#cfe2ff',
  worker: '#d1f0d8',
  allInOne: '#d9f2f2',
  host: '#ffe5c2',
  loadBalancer: '#fff3b0',
  storage: '#e9e3f5',
  workload: '#ffffff',
} as const;

/** A DOT double-quoted string: quotes and backslashes escaped, lines joined with `\n` (centred). */
export function dotString(...lines: readonly string[]): string {
  return `"${lines.map(escape).join('\\n')}"`;
}

/** A DOT label whose lines are left-justified (each ends with `\l`). */
export function dotLeftLines(...lines: readonly string[]): string {
  return `"${lines.map((l) => `${escape(l)}\\l`).join('')}"`;
}

function escape(line: string): string {
  return line.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A DOT identifier safe for cluster names: letters, digits and underscores only. */
function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_');
}

function colourOf(machine: EstateMachine): string {
  if (machine.devTools || machine.cluster === undefined) {
    return DIAGRAM_COLOURS.host;
  }
  const controls = machine.roles.includes('control-plane') || machine.roles.includes('etcd');
  if (controls && machine.roles.includes('worker')) {
    return DIAGRAM_COLOURS.allInOne;
  }
  return controls ? DIAGRAM_COLOURS.controlPlane : DIAGRAM_COLOURS.worker;
}

function machineNode(m: EstateMachine, indent: string): string {
  const lines = [m.name, m.privateIp ?? '(address from the cloud)', m.roles.join(', ')];
  if (m.instanceType !== undefined) {
    lines.push(m.instanceType);
  }
  if (m.publicAddress) {
    lines.push('EIP');
  }
  return `${indent}${dotString(`ecs:${m.key}`)} [label=${dotString(...lines)}, fillcolor=${dotString(colourOf(m))}];`;
}

/** Groups machines by pool (pool-less machines each on their own), keeping first-seen order. */
function byPool(machines: readonly EstateMachine[]): Array<{ label?: string; machines: EstateMachine[] }> {
  const groups = new Map<string, { label?: string; machines: EstateMachine[] }>();
  for (const m of machines) {
    const key = m.pool !== undefined ? `${m.stack}/${m.pool}` : `single:${m.key}`;
    const label =
      m.pool !== undefined ? `${m.pool} (${m.roles.join(', ')})${m.cluster !== undefined ? ` - cluster ${m.cluster}` : ''}` : undefined;
    const group = groups.get(key) ?? { label, machines: [] };
    group.machines.push(m);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function zoneBody(estate: Estate, zone: string | undefined, indent: string): string[] {
  const out: string[] = [];
  const machines = estate.machines.filter((m) => m.zone === zone);
  byPool(machines).forEach((group, i) => {
    if (group.label === undefined) {
      out.push(...group.machines.map((m) => machineNode(m, indent)));
      return;
    }
    out.push(`${indent}subgraph ${dotString(`cluster_pool_${slug(zone ?? 'none')}_${i}`)} {`);
    out.push(`${indent}  label=${dotString(group.label)}; style="rounded,dashed"; color="#7a869a";`);
    out.push(...group.machines.map((m) => machineNode(m, `${indent}  `)));
    out.push(`${indent}}`);
  });
  for (const fs of estate.fileSystems.filter((f) => (f.mountZones.length > 0 ? f.mountZones[0] : f.zone) === zone)) {
    const label = [`NAS ${fs.name}`, [fs.protocolType, fs.storageType].filter((x) => x !== undefined).join(' '), 'mount target'].filter(
      (l) => l !== '',
    );
    out.push(
      `${indent}${dotString(`nas:${fs.key}`)} [label=${dotString(...label)}, shape=cylinder, fillcolor=${dotString(DIAGRAM_COLOURS.storage)}];`,
    );
  }
  return out;
}

function clusterBox(cluster: ClusterFacts): string[] {
  const id = slug(cluster.name);
  const out = [`  subgraph ${dotString(`cluster_k8s_${id}`)} {`];
  out.push(`    label=${dotString(`KubeSphere cluster ${cluster.name}`)}; style="rounded"; color="#3e7bfa"; penwidth=1.5;`);
  const facts = [
    `cluster ${cluster.name}`,
    cluster.kubernetesVersion !== undefined ? `Kubernetes ${cluster.kubernetesVersion}` : undefined,
    cluster.kubesphereVersion !== undefined ? `KubeSphere ${cluster.kubesphereVersion}` : undefined,
    cluster.multiclusterRole !== undefined && cluster.multiclusterRole !== 'none' ? `multicluster ${cluster.multiclusterRole}` : undefined,
  ].filter((l): l is string => l !== undefined);
  out.push(
    `    ${dotString(`k8s:${cluster.name}`)} [label=${dotString(...facts)}, shape=component, fillcolor=${dotString(DIAGRAM_COLOURS.workload)}];`,
  );
  // One node per namespace listing its workloads: compact, and every name stays searchable.
  for (const ns of cluster.namespaces) {
    const lines = ns.workloads.map((w) => `${w.kind} ${w.name}${w.replicas !== undefined ? ` x${w.replicas}` : ''}`);
    const label = dotLeftLines(`namespace ${ns.name}`, ...(lines.length > 0 ? lines : ['(no workloads)']));
    out.push(
      `    ${dotString(`ns:${cluster.name}/${ns.name}`)} [label=${label}, shape=note, fillcolor=${dotString(DIAGRAM_COLOURS.workload)}];`,
    );
  }
  out.push('  }');
  return out;
}

/** Draws an estate as DOT. */
export function estateToDot(estate: Estate, options: DotOptions = {}): string {
  const title = options.title ?? 'Estate';
  const out = [
    'digraph estate {',
    `  graph [label=${dotString(title)}, labelloc=t, fontsize=16, fontname="Helvetica", rankdir=LR, compound=true, newrank=true, nodesep=0.3, ranksep=0.8];`,
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor="#ffffff"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#5a6478"];',
    `  ${dotString('internet')} [label=${dotString('Internet', 'clients, CI, developers')}, shape=ellipse, style=dashed];`,
  ];
  const placed = new Set<string | undefined>();
  for (const vpc of estate.vpcs) {
    out.push(`  subgraph ${dotString(`cluster_vpc_${slug(vpc.key)}`)} {`);
    out.push(
      `    label=${dotString(`VPC ${vpc.name}${vpc.cidr !== undefined ? ` ${vpc.cidr}` : ''}`)}; style="rounded"; color="#1f3a93"; penwidth=2;`,
    );
    vpc.zones.forEach((z) => {
      placed.add(z.zone);
      out.push(`    subgraph ${dotString(`cluster_zone_${slug(z.zone)}`)} {`);
      out.push(
        `      label=${dotString(`zone ${z.zone}${z.cidr !== undefined ? ` - vSwitch ${z.cidr}` : ''}`)}; style="rounded,filled"; fillcolor="#f5f7fb"; color="#9aa5b8";`,
      );
      out.push(...zoneBody(estate, z.zone, '      '));
      out.push('    }');
    });
    out.push('  }');
  }
  // Machines and file systems in zones no VPC of the plan holds (a network from another project).
  const zones = [...new Set([...estate.machines.map((m) => m.zone), ...estate.fileSystems.map((f) => f.mountZones[0] ?? f.zone)])];
  for (const zone of zones.filter((z) => !placed.has(z))) {
    out.push(...zoneBody(estate, zone, '  '));
  }

  for (const lb of estate.loadBalancers) {
    const ports = lb.ports.length > 0 ? `TCP ${lb.ports.join(', ')}` : 'no listener';
    out.push(
      `  ${dotString(`slb:${lb.key}`)} [label=${dotString(`SLB ${lb.name}`, `${lb.addressType}, ${ports}`)}, shape=hexagon, fillcolor=${dotString(DIAGRAM_COLOURS.loadBalancer)}];`,
    );
    if (lb.addressType === 'internet') {
      out.push(`  ${dotString('internet')} -> ${dotString(`slb:${lb.key}`)};`);
    }
    for (const backend of lb.backends) {
      out.push(`  ${dotString(`slb:${lb.key}`)} -> ${dotString(`ecs:${backend}`)} [color="#b8860b", penwidth=1.5];`);
    }
  }
  for (const m of estate.machines.filter((x) => x.publicAddress)) {
    out.push(`  ${dotString('internet')} -> ${dotString(`ecs:${m.key}`)} [label=${dotString('EIP')}, style=dashed];`);
  }
  for (const b of estate.buckets) {
    // "origin" only for a bucket a CDN domain serves; a backup bucket is only written from inside.
    const role = b.cdnDomains.length > 0 ? 'origin' : 'private';
    const label = [`OSS ${b.bucket}`, b.redundancyType !== undefined ? `${b.redundancyType}, versioned ${role}` : role];
    out.push(
      `  ${dotString(`oss:${b.key}`)} [label=${dotString(...label)}, shape=cylinder, fillcolor=${dotString(DIAGRAM_COLOURS.storage)}];`,
    );
    for (const domain of b.cdnDomains) {
      out.push(
        `  ${dotString(`cdn:${domain}`)} [label=${dotString(`CDN ${domain}`)}, shape=hexagon, fillcolor=${dotString(DIAGRAM_COLOURS.loadBalancer)}];`,
      );
      out.push(`  ${dotString('internet')} -> ${dotString(`cdn:${domain}`)};`);
      out.push(`  ${dotString(`cdn:${domain}`)} -> ${dotString(`oss:${b.key}`)} [label=${dotString('origin')}];`);
    }
  }

  for (const cluster of estate.clusters) {
    out.push(...clusterBox(cluster));
    // "Runs on": from the cluster box to its first control-plane machine.
    const anchor =
      estate.machines.find((m) => m.cluster === cluster.name && m.roles.includes('control-plane')) ??
      estate.machines.find((m) => m.cluster === cluster.name);
    if (anchor !== undefined) {
      out.push(
        `  ${dotString(`ecs:${anchor.key}`)} -> ${dotString(`k8s:${cluster.name}`)} [label=${dotString('runs')}, style=dotted, lhead=${dotString(`cluster_k8s_${slug(cluster.name)}`)}];`,
      );
    }
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

/** Options of {@link planToDot}. */
export interface PlanToDotOptions extends DotOptions, DiagramInputs {}

/** Draws the estate an offline run planned as DOT; `clusters` (from {@link readDiagramInputs}) adds roles, versions and workloads. */
export function planToDot(plan: Plan, options: PlanToDotOptions = {}): string {
  return estateToDot(describeEstate(plan, { clusters: options.clusters }), options);
}
