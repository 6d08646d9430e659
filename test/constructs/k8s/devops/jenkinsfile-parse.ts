/**
 * Test helpers that read a rendered Jenkinsfile back. Deliberately independent of the renderer's
 * own quoting code, so a quoting bug cannot cancel itself out.
 */

/** Undoes Groovy single-quoted string escaping (the escapes Groovy defines for such strings). */
export function groovyUnquote(literal: string): string {
  if (!literal.startsWith("'") || !literal.endsWith("'") || literal.length < 2) {
    throw new Error(`not a single-quoted Groovy string: ${literal}`);
  }
  const escapes: Record<string, string> = { '\\': '\\', "'": "'", n: '\n', r: '\r', t: '\t', $: '$' };
  return literal.slice(1, -1).replace(/\\(.)/g, (_, c: string) => {
    const out = escapes[c];
    if (out === undefined) {
      throw new Error(`unknown Groovy escape \\${c}`);
    }
    return out;
  });
}

/** A single-quoted Groovy string literal, escapes included. */
const GROOVY_SQ = "'(?:[^'\\\\\\n]|\\\\.)*'";

/** Stage names in the order they appear. */
export function stageNames(jenkinsfile: string): string[] {
  return [...jenkinsfile.matchAll(new RegExp(`^\\s*stage\\((${GROOVY_SQ})\\)`, 'gm'))].map((m) => groovyUnquote(m[1]));
}

/** The shell text of every `sh '…'` step, in order, unescaped. */
export function shellCommands(jenkinsfile: string): string[] {
  return [...jenkinsfile.matchAll(new RegExp(`^\\s*sh (${GROOVY_SQ})$`, 'gm'))].map((m) => groovyUnquote(m[1]));
}

/** The body of the first block whose header line matches, braces balanced by line. */
export function blockBody(jenkinsfile: string, header: RegExp): string {
  const lines = jenkinsfile.split('\n');
  const start = lines.findIndex((l) => header.test(l));
  if (start < 0) {
    throw new Error(`no block matching ${header}`);
  }
  const indent = lines[start].length - lines[start].trimStart().length;
  const end = lines.findIndex((l, i) => i > start && l === `${' '.repeat(indent)}}`);
  return lines.slice(start + 1, end).join('\n');
}

/** The text with every single-quoted Groovy literal removed: what Groovy itself evaluates. */
export function withoutGroovyLiterals(jenkinsfile: string): string {
  return jenkinsfile.replace(new RegExp(GROOVY_SQ, 'g'), "''");
}
