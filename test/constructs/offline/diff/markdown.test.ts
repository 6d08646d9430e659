import { code, escapeText, formatValue, truncate } from '../../../../constructs/offline/diff/markdown';

describe('formatValue', () => {
  test.each<[unknown, string]>([
    ['ecs.g7.xlarge', 'ecs.g7.xlarge'],
    ['10.0.1.22', '10.0.1.22'],
    ['[secret]', '[secret]'],
    // Would read as another type (or disappear) without quotes.
    ['8', '"8"'],
    ['true', '"true"'],
    ['', '""'],
    [' padded', '" padded"'],
    ['two\nlines', '"two\\nlines"'],
    [8, '8'],
    [true, 'true'],
    [null, 'null'],
    [{ b: 1, a: [1, 'x'] }, '{"a":[1,"x"],"b":1}'],
  ])('%j → %s', (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });

  test('truncates long values with an ellipsis', () => {
    expect(formatValue('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('truncate', () => {
  test.each<[string, number, string]>([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven chars', 10, 'eleven ch…'],
    ['😀😀😀😀', 3, '😀😀…'],
  ])('%s (%i)', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });
});

describe('code', () => {
  test.each<[string, string]>([
    ['plain', '`plain`'],
    ['a|b', '`a|b`'],
    ['has `tick` inside', '``has `tick` inside``'],
    // A backtick touching the fence would merge with it, so the content is padded (CommonMark strips the pad).
    ['ends with `tick`', '`` ends with `tick` ``'],
    ['`starts', '`` `starts ``'],
    ['``double``', '``` ``double`` ```'],
    ['line\nbreak', '`line⏎break`'],
  ])('%j → %s', (text, expected) => {
    expect(code(text)).toBe(expected);
  });
});

describe('escapeText', () => {
  test.each<[string, string]>([
    ['prod', 'prod'],
    ['a|b', 'a\\|b'],
    ['[link](x)', '\\[link\\](x)'],
    ['<b>*x*</b>', '\\<b\\>\\*x\\*\\</b\\>'],
    ['`x`', '\\`x\\`'],
  ])('%j → %s', (text, expected) => {
    expect(escapeText(text)).toBe(expected);
  });
});
