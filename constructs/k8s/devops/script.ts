/**
 * Quoting helpers for the Jenkinsfile renderer. Pure, no Jenkins knowledge.
 *
 * A Jenkinsfile embeds two languages: Groovy, and the POSIX shell run by `sh` steps. Every value
 * that comes from props goes through exactly one of the quoting functions below for the language
 * it lands in, so a quote in a URL or name cannot end a string early.
 */

/**
 * A Groovy single-quoted string literal.
 *
 * Single quotes on purpose: Groovy does not interpolate `$` in them, so `${COMMIT}` or
 * `$WECOM_KEY` reach the shell untouched, and secrets are expanded by the shell rather than
 * by Groovy (which would copy them into the build's memory and trigger Jenkins' warning).
 */
export function groovyString(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `'${escaped}'`;
}

/** A reference to an environment variable, expanded by the shell at run time. */
export interface EnvRef {
  readonly env: string;
}

/** A piece of a shell word: literal text, or an environment variable. */
export type ShellPart = string | EnvRef;

/** Marks an environment variable to expand inside {@link shellWord}. */
export function envRef(name: string): EnvRef {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`internal: ${JSON.stringify(name)} is not an environment variable name`);
  }
  return { env: name };
}

/**
 * One shell word in double quotes: literal parts are escaped (`\ " $ \``), variables become
 * `${NAME}`. Double quotes (rather than single) are what lets variables expand inside the word.
 */
export function shellWord(...parts: readonly ShellPart[]): string {
  const body = parts.map((part) => (typeof part === 'string' ? part.replace(/[\\"$`]/g, (c) => `\\${c}`) : `\${${part.env}}`)).join('');
  return `"${body}"`;
}

/** A shell word with no variables: left bare when it is plainly safe, single-quoted otherwise. */
export function shellLiteral(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Java regular expression that matches `value` literally.
 *
 * Used for the trigger's `regexpFilterExpression`, so a `.` in a branch name does not match any
 * character.
 */
export function javaRegexLiteral(value: string): string {
  return value.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/**
 * Text with `@@NAME@@` markers turned into a shell word whose markers expand as environment
 * variables. Lets a whole JSON document be written once in TypeScript (with `JSON.stringify`
 * doing the JSON escaping) and still carry run-time values such as the commit.
 */
export function shellWordWithMarkers(text: string): string {
  const pieces = text.split(/@@([A-Za-z_][A-Za-z0-9_]*)@@/);
  // split with one capture group alternates literal, name, literal, name, ...
  const parts = pieces.map((piece, i): ShellPart => (i % 2 === 1 ? envRef(piece) : piece));
  return shellWord(...parts);
}

/**
 * A line of output. An array is a group of lines at the same depth (so blocks nest without
 * spreading); an {@link Indent} is one level deeper than its parent.
 */
export type Line = string | Indent | readonly Line[];

/** Lines one indentation level deeper. */
export interface Indent {
  readonly indent: readonly Line[];
}

/** A Groovy block: `header {`, the body one level deeper, `}`. */
export function block(header: string, body: readonly Line[]): Line {
  return [`${header} {`, { indent: body }, '}'];
}

/** Renders lines with two spaces per level, each followed by a newline. */
export function renderLines(line: Line, depth = 0): string {
  if (typeof line === 'string') {
    // no indentation on blank lines: keeps trailing whitespace out of the file
    return line === '' ? '\n' : `${'  '.repeat(depth)}${line}\n`;
  }
  if ('indent' in line) {
    return line.indent.map((l) => renderLines(l, depth + 1)).join('');
  }
  return line.map((l) => renderLines(l, depth)).join('');
}
