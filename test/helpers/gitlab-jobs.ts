/** GitLab CI job helpers for the tests of `.gitlab-ci.yml`. */

/** A GitLab job with its `extends` chain merged in, as GitLab does: hashes deep, everything else replaced. */
export function resolveJob(doc: Record<string, unknown>, name: string, seen: readonly string[] = []): Record<string, unknown> {
  if (seen.includes(name)) throw new Error(`extends loop: ${[...seen, name].join(' → ')}`);
  const job = (doc[name] ?? {}) as Record<string, unknown>;
  const parents = job.extends === undefined ? [] : Array.isArray(job.extends) ? (job.extends as string[]) : [job.extends as string];
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const prev = out[k];
      const isHash = (x: unknown) => typeof x === 'object' && x !== null && !Array.isArray(x);
      out[k] = isHash(prev) && isHash(v) ? merge(prev as Record<string, unknown>, v as Record<string, unknown>) : v;
    }
    return out;
  };
  const base = parents.reduce<Record<string, unknown>>((acc, p) => merge(acc, resolveJob(doc, p, [...seen, name])), {});
  const { extends: _omit, ...own } = job;
  return merge(base, own);
}
