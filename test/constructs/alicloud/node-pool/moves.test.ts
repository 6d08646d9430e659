/**
 * A node never moves on a config edit: a planned address that differs from the instance's (its
 * state, since the pool ignores address changes) is refused as "needs a node replacement procedure".
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import {
  NEEDS_NODE_REPLACEMENT,
  NODE_REPLACEMENT_PROCEDURE,
  NodePool,
  nodeMoveProblem,
  unknownReplaceNodes,
} from '../../../../constructs/alicloud';
import { DEFAULT_PROCEDURE_RULES } from '../../../../constructs/offline/diff';

const PLANNED = { privateIp: '10.20.0.11', vswitchId: 'vsw-e' };
const MOVE = (from: string, to: string) =>
  `node prod-cp-2 would move from ${from} to ${to}: the config (the pool's addressOffset, privateIps or zone order) re-addresses a running node, ` +
  `which needs a node replacement procedure (README.md, "Replacing or re-addressing a node"); pulumi up never changes a node's address in place. ` +
  "Put the config back, or follow the procedure and list prod-cp-2 in the pool's replaceNodes";

describe('nodeMoveProblem', () => {
  test.each<[string, { privateIp: string; vswitchId: string }, string | undefined]>([
    ['where the plan puts it', PLANNED, undefined],
    ['not created yet (no state)', { privateIp: '', vswitchId: '' }, undefined],
    [
      'another address (addressOffset or privateIps edited)',
      { privateIp: '10.20.0.21', vswitchId: 'vsw-e' },
      MOVE('10.20.0.21 in vsw-e', '10.20.0.11 in vsw-e'),
    ],
    [
      'another vSwitch (zone order edited)',
      { privateIp: '10.20.0.11', vswitchId: 'vsw-f' },
      MOVE('10.20.0.11 in vsw-f', '10.20.0.11 in vsw-e'),
    ],
  ])('a node %s', (_title, live, expected) => {
    expect(nodeMoveProblem({ name: 'prod-cp-2', planned: PLANNED, live })).toBe(expected);
  });
});

describe('unknownReplaceNodes', () => {
  test.each<[string[], string[]]>([
    [[], []],
    [['w-1', 'w-3'], []],
    [
      ['w-4', 'w-0', 'x-1', 'w-1'],
      ['w-4', 'w-0', 'x-1'],
    ],
  ])('%j', (names, expected) => {
    expect(unknownReplaceNodes('w', 3, names)).toEqual(expected);
  });
});

/** Pulumi's internal promise of an Output, which rejects when the Output's computation threw. */
function settle(output: pulumi.Output<string>): Promise<string> {
  return (output as unknown as { promise(): Promise<string> }).promise();
}

const FIXTURE = path.join(__dirname, 'fixtures', 'moved-node.ts');
const RUN_TS = path.resolve(__dirname, '../../../../scripts/run-ts.js');

describe('NodePool refuses a config edit that moves an existing node', () => {
  test('the program fails with the procedure when the config moves node w-2 from .11 to .21', () => {
    const run = spawnSync(process.execPath, [RUN_TS, FIXTURE, '10.20.0.21'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('NodeMoveError');
    expect(run.stderr).toContain(
      "node w-2 would move from 10.20.0.11 in vsw-e to 10.20.0.21 in vsw-e: the config (the pool's addressOffset, privateIps or zone order) " +
        're-addresses a running node, which needs a node replacement procedure (README.md, "Replacing or re-addressing a node")',
    );
    expect(run.stderr).not.toContain('node w-1');
  });
});

describe('NodePool checked instance IDs', () => {
  const LIVE_IPS: Record<string, string> = { 'v-w-1': '10.20.0.10', 'v-w-2': '10.20.0.11' };

  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({
          id: `${args.name}-id`,
          state: { ...args.inputs, privateIp: LIVE_IPS[args.name] ?? args.inputs.privateIp },
        }),
        call: (args) => args.inputs,
      },
      'unit',
      'moves',
      false,
    );
  });

  afterAll(async () => {
    await pulumi.runtime.disconnect();
  });

  test('a node where the plan puts it passes; a node listed in replaceNodes is not checked (it is replaced)', async () => {
    const vswitches = [{ zone: 'cn-shenzhen-e', cidr: '10.20.0.0/20', id: 'vsw-e' }];
    const pool = new NodePool('v', {
      count: 2,
      poolName: 'w',
      instanceType: 'ecs.c7.2xlarge',
      imageId: 'img',
      keyName: 'k',
      securityGroupIds: ['sg'],
      vswitches,
      roles: ['worker'],
      privateIps: [undefined, '10.20.0.21'],
      replaceNodes: ['w-2'],
    });
    await expect(settle(pool.nodes[0].verifiedInstanceId)).resolves.toBe('v-w-1-id');
    await expect(settle(pool.nodes[1].verifiedInstanceId)).resolves.toBe('v-w-2-id');
  });
});

describe('the procedure the messages point to', () => {
  test.each([
    ['README.md', '### Replacing or re-addressing a node'],
    ['README.zh-CN.md', '### 替换节点或更改节点地址'],
  ])('%s has it, with kk delete node, etcd member removal and kk add nodes', (file, heading) => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../../..', file), 'utf8');
    const start = text.indexOf(`${heading}\n`);
    expect(start).toBeGreaterThan(0);
    const section = text.slice(start, text.indexOf('\n### ', start + 1));
    for (const step of ['kk delete node', 'etcdctl member remove', 'kk add nodes', 'replaceNodes', 'DeletionProtection false']) {
      expect(section).toContain(step);
    }
  });

  test('the messages name the English heading', () => {
    expect(NODE_REPLACEMENT_PROCEDURE).toBe('README.md, "Replacing or re-addressing a node"');
    expect(DEFAULT_PROCEDURE_RULES['alicloud:ecs/instance:Instance'].procedure).toBe(
      `${NEEDS_NODE_REPLACEMENT} (${NODE_REPLACEMENT_PROCEDURE})`,
    );
  });
});
