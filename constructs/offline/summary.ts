/** The short terminal summary of an offline run: per stack, resources counted by type. */
import { Plan } from '../core';

/** A short text summary of a plan: resource counts by type, per stack. */
export function summarizePlan(plan: Plan): string {
  const lines: string[] = [];
  for (const [stack, planned] of Object.entries(plan.stacks)) {
    const byType = new Map<string, number>();
    for (const r of planned.resources) {
      byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    }
    lines.push(`${stack}: ${planned.resources.length} resources`);
    for (const [type, count] of [...byType.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  ${String(count).padStart(4)}  ${type}`);
    }
  }
  return lines.join('\n');
}
