import { execFileSync } from 'child_process';
import {
  envRef,
  groovyString,
  javaRegexLiteral,
  renderLines,
  block,
  shellLiteral,
  shellWord,
  shellWordWithMarkers,
} from '../../../../constructs/k8s/devops/script';
import { groovyUnquote } from './jenkinsfile-parse';

const NASTY = ['plain', "it's", 'back\\slash', 'dollar $HOME ${X}', 'new\nline\ttab', '"double"', "'''", '`tick`'];

/** What bash makes of one word: printf echoes it back unchanged. */
function bashWord(word: string, env: Record<string, string> = {}): string {
  return execFileSync('bash', ['-c', `printf '%s' ${word}`], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
}

describe('groovyString', () => {
  test.each(NASTY)('round-trips %j', (value) => {
    expect(groovyUnquote(groovyString(value))).toBe(value);
  });

  test('never lets a quote end the literal early', () => {
    expect(groovyString("a'b")).toBe("'a\\'b'");
  });
});

describe('shell quoting', () => {
  test('shellLiteral keeps every value literal', () => {
    // one bash process for the whole table: spawning is the slow part
    const words = NASTY.map(shellLiteral).join(' ');
    const out = execFileSync('bash', ['-c', `printf '%s\\0' ${words}`], {
      env: { PATH: process.env.PATH, HOME: '/h', X: 'x' },
      encoding: 'utf8',
    });
    expect(out.split('\0').slice(0, -1)).toEqual(NASTY);
  });

  test.each([
    ['-Dmaven.repo.local=/root/.m2', '-Dmaven.repo.local=/root/.m2'],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
  ])('shellLiteral(%j) is %s', (value, quoted) => {
    expect(shellLiteral(value)).toBe(quoted);
  });

  test('shellWord expands only the marked variables', () => {
    const word = shellWord('$HOME "q" `x` \\ ', envRef('COMMIT'));
    expect(word).toBe('"\\$HOME \\"q\\" \\`x\\` \\\\ ${COMMIT}"');
    expect(bashWord(word, { HOME: '/h', COMMIT: 'abc' })).toBe('$HOME "q" `x` \\ abc');
  });

  test('shellWordWithMarkers turns @@NAME@@ into variables', () => {
    expect(shellWordWithMarkers('{"a":"@@COMMIT@@"}')).toBe('"{\\"a\\":\\"${COMMIT}\\"}"');
  });

  test('envRef rejects a name that is not a variable', () => {
    expect(() => envRef('A-B')).toThrow(/not an environment variable name/);
  });
});

test.each([
  ['main', 'main'],
  ['release/1.0', 'release/1\\.0'],
  ['a+b(c)', 'a\\+b\\(c\\)'],
])('javaRegexLiteral(%j) is %j', (value, regex) => {
  expect(javaRegexLiteral(value)).toBe(regex);
  expect(new RegExp(`^${regex}$`).test(value)).toBe(true);
});

test('renderLines nests blocks two spaces a level and leaves blank lines empty', () => {
  expect(renderLines(block('a', [block('b', ['c']), '', 'd']))).toBe('a {\n  b {\n    c\n  }\n\n  d\n}\n');
});
