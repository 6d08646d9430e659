/**
 * The CI platforms' own schemas, offline: GitLab's CI JSON schema as `gitlab-ci-local` ships it, and
 * `@action-validator/core` (GitHub's workflow schema compiled to WebAssembly) for GitHub workflows.
 *
 * `gitlab-ci-local` bundles GitLab's `ci.json` (the schema GitLab's own pipeline editor validates with)
 * into its single `dist/index.js`. Its CLI needs Node.js 22 (it calls `Set.prototype.union` at load), so
 * the schema is read out of the bundle instead: the object literal that starts with GitLab's `$id`,
 * evaluated alone in an empty VM context (it is JSON in minified JavaScript: `!0` for true).
 * gitlab-ci-local relaxes four patterns of it for local runs when it loads; those relaxations run later
 * in the bundle, so the literal is GitLab's schema as published, the stricter one.
 */
import { validateWorkflow } from '@action-validator/core';
import Ajv, { type ErrorObject } from 'ajv';
import * as fs from 'fs';
import * as vm from 'vm';

/** Where GitLab's schema starts in gitlab-ci-local's bundle: its `$schema` and `$id` keys. */
const GITLAB_SCHEMA_START = '{$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml"';

/** The text of the object literal that opens at `start`: brackets counted outside string literals. */
export function objectLiteralAt(source: string, start: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (quote !== undefined) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '{' || c === '[') {
      depth += 1;
    } else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return source.slice(start, i + 1);
    }
  }
  throw new Error(`unterminated object literal at ${start}`);
}

let gitlabValidator: ReturnType<Ajv['compile']> | undefined;

/** GitLab's CI schema, read from the installed gitlab-ci-local. */
export function gitlabCiSchema(): Record<string, unknown> {
  const bundle = fs.readFileSync(require.resolve('gitlab-ci-local/package.json').replace(/package\.json$/, 'dist/index.js'), 'utf8');
  const start = bundle.indexOf(GITLAB_SCHEMA_START);
  if (start < 0 || bundle.indexOf(GITLAB_SCHEMA_START, start + 1) >= 0) {
    throw new Error("GitLab's CI schema is not exactly once in gitlab-ci-local's bundle: has the package changed its layout?");
  }
  return vm.runInNewContext(`(${objectLiteralAt(bundle, start)})`, Object.create(null) as object, { timeout: 5000 }) as Record<
    string,
    unknown
  >;
}

/** One line per schema violation of a parsed `.gitlab-ci.yml` (empty when valid). */
export function gitlabCiErrors(doc: unknown): string[] {
  // The options gitlab-ci-local validates with: GitLab's schema uses union types and a
  // `markdownDescription` annotation, and leaves some types implicit.
  gitlabValidator ??= new Ajv({
    allErrors: true,
    allowUnionTypes: true,
    validateFormats: false,
    strictTypes: false,
    keywords: ['markdownDescription'],
  }).compile(gitlabCiSchema());
  if (gitlabValidator(doc)) return [];
  return (gitlabValidator.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? e.keyword} [${e.schemaPath}]`);
}

/** One line per violation of GitHub's workflow schema (empty when valid). */
export function githubWorkflowErrors(source: string): string[] {
  return validateWorkflow(source).errors.map(
    (e) => `${'path' in e ? e.path : ''}: ${e.title}${e.detail === undefined ? '' : ` (${e.detail})`}`,
  );
}
