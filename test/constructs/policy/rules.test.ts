/** Every rule of the baseline pack, on a resource that complies and one that breaks it. */
import { PlannedResource } from '../../../constructs/core/plan';
import { viewOf } from '../../../constructs/policy/crossguard';
import { planResourceArgs } from '../../../constructs/policy/evaluate';
import { BASELINE_RULES } from '../../../constructs/policy/rules';
import { PolicyRule, appliesTo } from '../../../constructs/policy/types';
import { CASES } from './cases';

/** What `rule` finds in `resources` (of the types it covers), without the "Fix:" part. */
function findings(rule: PolicyRule, resources: readonly PlannedResource[]): string[] {
  const views = resources.filter((r) => appliesTo(rule, r.type)).map((r) => viewOf(planResourceArgs('unit', 'unit', r)));
  return rule.kind === 'resource' ? views.flatMap((v) => rule.check(v)) : rule.check(views).map((x) => `${x.resource.name}: ${x.message}`);
}

describe('baseline rules', () => {
  test('every rule has a case, and every case a rule', () => {
    expect(CASES.map(([name]) => name).sort()).toEqual(BASELINE_RULES.map((r) => r.name).sort());
  });

  test.each(CASES)('%s', (name, pass, fail, expected) => {
    const rule = BASELINE_RULES.find((r) => r.name === name)!;
    expect(findings(rule, pass)).toEqual([]);
    expect(findings(rule, fail)).toEqual(expected);
  });
});

describe('the pack', () => {
  test('has at least 25 rules with unique names, each with a reference, a fix and a known level', () => {
    expect(BASELINE_RULES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(BASELINE_RULES.map((r) => r.name)).size).toBe(BASELINE_RULES.length);
    for (const rule of BASELINE_RULES) {
      expect([rule.name, rule.references.length > 0, rule.remediation.length > 0, rule.resourceTypes.length > 0]).toEqual([
        rule.name,
        true,
        true,
        true,
      ]);
      expect(['mandatory', 'advisory']).toContain(rule.enforcementLevel);
    }
  });
});
