import { canonicalJson, deepDiff, formatPath, ValueChange } from '../../../../constructs/offline/diff/deep-diff';

describe('deepDiff', () => {
  test.each<[string, unknown, unknown, ValueChange[]]>([
    ['equal scalars', 'a', 'a', []],
    ['equal objects, different key order', { a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 }, []],
    ['changed scalar at the root', 1, 2, [{ path: [], kind: 'changed', before: 1, after: 2 }]],
    ['type change string → number', { n: '8' }, { n: 8 }, [{ path: ['n'], kind: 'changed', before: '8', after: 8 }]],
    ['added key', { a: 1 }, { a: 1, b: 2 }, [{ path: ['b'], kind: 'added', after: 2 }]],
    ['removed key', { a: 1, b: 2 }, { a: 1 }, [{ path: ['b'], kind: 'removed', before: 2 }]],
    ['undefined counts as absent', { a: 1, b: undefined }, { a: 1 }, []],
    ['null is a value', { a: null }, {}, [{ path: ['a'], kind: 'removed', before: null }]],
    [
      'nested objects',
      { spec: { template: { image: 'web:1' } } },
      { spec: { template: { image: 'web:2' } } },
      [{ path: ['spec', 'template', 'image'], kind: 'changed', before: 'web:1', after: 'web:2' }],
    ],
    [
      'keys are visited in sorted order',
      { z: 1, a: 1 },
      { z: 2, a: 2 },
      [
        { path: ['a'], kind: 'changed', before: 1, after: 2 },
        { path: ['z'], kind: 'changed', before: 1, after: 2 },
      ],
    ],
    ['object ↔ array is a change', { a: { x: 1 } }, { a: [1] }, [{ path: ['a'], kind: 'changed', before: { x: 1 }, after: [1] }]],
    ['array element appended', { l: [1, 2] }, { l: [1, 2, 3] }, [{ path: ['l', 2], kind: 'added', after: 3 }]],
    ['array element removed at the end', { l: [1, 2, 3] }, { l: [1, 2] }, [{ path: ['l', 2], kind: 'removed', before: 3 }]],
    // Alignment, not position: dropping the first element must not read as every element changing.
    [
      'array element removed at the start',
      [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      [{ id: 'b' }, { id: 'c' }],
      [{ path: [0], kind: 'removed', before: { id: 'a' } }],
    ],
    ['array element inserted in the middle', ['a', 'c'], ['a', 'b', 'c'], [{ path: [1], kind: 'added', after: 'b' }]],
    [
      'edited element shows its inner path',
      {
        rules: [
          { id: 'x', enabled: true },
          { id: 'y', enabled: true },
        ],
      },
      {
        rules: [
          { id: 'x', enabled: true },
          { id: 'y', enabled: false },
        ],
      },
      [{ path: ['rules', 1, 'enabled'], kind: 'changed', before: true, after: false }],
    ],
    [
      'edit plus append',
      [{ n: 1 }, { n: 2 }],
      [{ n: 10 }, { n: 2 }, { n: 3 }],
      [
        { path: [0, 'n'], kind: 'changed', before: 1, after: 10 },
        { path: [2], kind: 'added', after: { n: 3 } },
      ],
    ],
    ['empty arrays', [], [], []],
    ['array emptied', { l: ['a'] }, { l: [] }, [{ path: ['l', 0], kind: 'removed', before: 'a' }]],
  ])('%s', (_name, before, after, expected) => {
    expect(deepDiff(before, after)).toEqual(expected);
  });

  test('equal inputs give no changes in either direction', () => {
    const value = { a: [1, { b: [2, 3] }], c: { d: null } };
    expect(deepDiff(value, structuredClone(value))).toEqual([]);
  });
});

describe('formatPath', () => {
  test.each<[(string | number)[], string]>([
    [[], ''],
    [['a'], 'a'],
    [['lifecycleRules', 1, 'enabled'], 'lifecycleRules[1].enabled'],
    [[0, 'n'], '[0].n'],
    [['spec', 'roleGroups', 'control-plane'], 'spec.roleGroups.control-plane'],
    [['metadata', 'labels', 'app.kubernetes.io/name'], 'metadata.labels["app.kubernetes.io/name"]'],
    [['a', ''], 'a[""]'],
  ])('%j → %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe('canonicalJson', () => {
  test('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: undefined, e: 'x' })).toBe('{"b":[{"c":2,"d":1}],"e":"x"}');
  });
});
