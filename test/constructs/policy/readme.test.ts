/** Both READMEs list every rule of the pack with its level, so the rule table never drifts from the code. */
import * as fs from 'fs';
import * as path from 'path';
import { BASELINE_RULES } from '../../../constructs/policy/rules';

const ROOT = path.resolve(__dirname, '../../..');

describe.each(['README.md', 'README.zh-CN.md'])('%s', (file) => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const rows = text.split('\n').filter((l) => /^\| `[a-z0-9-]+` \| (mandatory|advisory) \|/.test(l));

  test('has one rule-table row per rule, in pack order, with its level and references', () => {
    expect(rows.map((r) => r.split(' | ').slice(0, 2).join(' | '))).toEqual(
      BASELINE_RULES.map((r) => `| \`${r.name}\` | ${r.enforcementLevel}`),
    );
    rows.forEach((row, i) => expect(row.endsWith(` | ${BASELINE_RULES[i].references.join('; ')} |`)).toBe(true));
  });

  test('says how to run the pack', () => {
    expect(text).toContain('pulumi preview --diff --policy-pack policy --stack prod');
    expect(text).toContain('npm ci --prefix policy');
  });
});
