/**
 * The API-server SLB keys: the CLB is billed by LCU. A spec or `PayBySpec` in a stack file is refused
 * with the reason (Alibaba help doc 127268), not passed on to fail at create time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { apiServerSchema } from '../../../stacks/config/cluster';
import { IssueSink } from '../../../stacks/config/schema';

const KEY = 'platform:apiServer';
const WHY =
  'pay-by-specification CLBs can no longer be created (Alibaba help doc 127268: since 2025-06-01 on the international site, 2026-01-01 in China); the SLB is billed by LCU (PayByCLCU), which has no spec';

function check(loadBalancer: Record<string, unknown>): { value: unknown; issues: Array<[string, unknown, string]> } {
  const issues: IssueSink = [];
  const value = apiServerSchema({ loadBalancer }, KEY, issues);
  return { value, issues: issues.map((i) => [i.key, i.value, i.message]) };
}

describe('platform:apiServer.loadBalancer', () => {
  test('defaults to an internet CLB billed by LCU', () => {
    expect(check({ allowedCidrs: ['198.51.100.0/24'] })).toEqual({
      value: {
        loadBalancer: { addressType: 'internet', spec: undefined, instanceChargeType: 'PayByCLCU', allowedCidrs: ['198.51.100.0/24'] },
      },
      issues: [],
    });
  });

  test('takes PayByCLCU spelled out', () => {
    expect(check({ allowedCidrs: ['198.51.100.0/24'], instanceChargeType: 'PayByCLCU' }).issues).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, Array<[string, unknown, string]>]>([
    [
      'a spec that exists',
      { spec: 'slb.s1.small' },
      [[`${KEY}.loadBalancer.spec`, 'slb.s1.small', `is no longer allowed: ${WHY}; remove the key`]],
    ],
    [
      'a spec that never existed',
      { spec: 'slb.s1.large' },
      [[`${KEY}.loadBalancer.spec`, 'slb.s1.large', `is no longer allowed: ${WHY}; remove the key`]],
    ],
    [
      'billing by spec',
      { instanceChargeType: 'PayBySpec' },
      [[`${KEY}.loadBalancer.instanceChargeType`, 'PayBySpec', `is no longer allowed: ${WHY}; use 'PayByCLCU' or leave the key out`]],
    ],
    [
      'an unknown billing',
      { instanceChargeType: 'PrePaid' },
      [[`${KEY}.loadBalancer.instanceChargeType`, 'PrePaid', "is not allowed; expected one of 'PayByCLCU'"]],
    ],
  ])('refuses %s, saying why', (_title, change, expected) => {
    expect(check({ allowedCidrs: ['198.51.100.0/24'], ...change })).toEqual({ value: undefined, issues: expected });
  });

  test.each(['Pulumi.prod.yaml', 'Pulumi.test.yaml', 'examples/small-platform/Pulumi.dev.yaml'])(
    'the shipped %s asks for no spec and no pay-by-spec billing',
    (file) => {
      const config = (parse(fs.readFileSync(path.resolve(__dirname, '../../..', file), 'utf8')) as { config: Record<string, unknown> })
        .config;
      const apiServer = Object.entries(config).find(([k]) => k.endsWith(':apiServer'))?.[1];
      if (apiServer !== undefined) {
        expect(check((apiServer as { loadBalancer: Record<string, unknown> }).loadBalancer).issues).toEqual([]);
      }
      expect(JSON.stringify(config)).not.toMatch(/PayBySpec|slb\.s\d/);
    },
  );
});
