// The layer arrows of the design (CONTRIBUTING.md "Layers and lint"), as one ESLint rule that
// resolves each relative import to the file it names, so the checks are exact whatever the depth
// of the importing file:
//   - nothing but tests imports infra/ (entry points only);
//   - constructs/ never imports stacks/ or infra/;
//   - stacks/ and infra/ import constructs/ only through the package's entry points, the files
//     package.json `exports` publishes (read from package.json: one list);
//   - inside constructs/, a module imports another module only through one of its barrels
//     (an index.ts), never a file behind it;
//   - per module, the packages (and sibling modules) it must not load: see FORBIDDEN below.
// A second rule, `layers/no-cycles`, reports an import that closes a cycle among the files of
// constructs/, stacks/ and infra/ (type-only imports included: a cycle of types is still a knot).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_OUT = 'lib/package/';

/** The source barrel of each entry point of package.json `exports` (`./lib/package/k8s/index.js` → `constructs/k8s/index.ts`). */
export function entryPointFiles(manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))) {
  const files = new Map();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const js = typeof target === 'string' ? target : target.default;
    if (!js.startsWith(`./${PACKAGE_OUT}`)) continue;
    const name = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    files.set(`constructs/${js.slice(PACKAGE_OUT.length + 2).replace(/\.js$/, '.ts')}`, name);
  }
  return files;
}

const ENTRY_POINTS = entryPointFiles();

/**
 * Packages and folders a module must not import, with why. `types: true` lets a type-only import
 * through (it loads nothing at run time).
 */
const FORBIDDEN = [
  {
    from: 'constructs/kubekey/',
    why: 'constructs/kubekey builds pure documents: no Pulumi, no cdk8s, no cloud or Kubernetes constructs',
    packages: [/^@pulumi\//, /^cdk8s/],
    folders: ['constructs/alicloud/', 'constructs/k8s/'],
  },
  {
    from: 'constructs/k8s/',
    why: 'constructs/k8s loads no Pulumi module and creates no cloud resource (`cdk8s synth` runs without Pulumi)',
    packages: [/^@pulumi\//],
    folders: ['constructs/alicloud/'],
  },
  {
    from: 'constructs/core/',
    why: 'constructs/core is shared by every module, the Pulumi-free ones included',
    packages: [/^@pulumi\//, /^cdk8s/],
    types: true,
  },
  {
    from: 'constructs/stack-config/',
    why: 'constructs/stack-config reads stack files without Pulumi (the Kubernetes-only path uses it)',
    packages: [/^@pulumi\//],
  },
  {
    from: 'stacks/config/',
    why: 'the stack config is parsed on the Kubernetes-only path too, which loads no Pulumi module',
    packages: [/^@pulumi\//],
    files: ['constructs/index.ts'],
  },
  // After the per-module rules, which say more where they apply.
  ...['constructs/', 'stacks/', 'infra/'].map((from) => ({
    from,
    why:
      'import the provider SDK by namespace (`@pulumi/alicloud/ecs`, `@pulumi/kubernetes/core/v1`, the Release from ' +
      '`@pulumi/kubernetes/helm/v3/release`): this index declares and loads every namespace (alicloud: ~2,200 declaration files), ' +
      'which every type-check and every run then pays, a type-only import included',
    packages: [/^@pulumi\/(alicloud|kubernetes)$/, /^@pulumi\/kubernetes\/(helm|yaml)(\/v3)?$/],
  })),
];

function relative(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** The file a relative specifier names (`x.ts` or `x/index.ts`), relative to the root; undefined if neither exists. */
function resolve(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return relative(candidate);
  }
  return undefined;
}

/** `constructs/<module>/…` → `<module>`; the main barrel (constructs/index.ts) belongs to none. */
function moduleOf(file) {
  const parts = file.split('/');
  return parts[0] === 'constructs' && parts.length > 2 ? parts[1] : undefined;
}

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  return node.type === 'ImportDeclaration' && node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type');
}

/** What is wrong with `file` importing `specifier`, or undefined. */
export function layerProblem(file, specifier, typeOnly) {
  const from = relative(file);
  const isRelative = specifier.startsWith('.');
  const target = isRelative ? resolve(file, specifier) : undefined;
  for (const rule of FORBIDDEN) {
    if (!from.startsWith(rule.from) || (typeOnly && rule.types)) continue;
    if (!isRelative && rule.packages?.some((p) => p.test(specifier))) return `${specifier}: ${rule.why}`;
    if (target && rule.folders?.some((f) => target.startsWith(f))) return `${target}: ${rule.why}`;
    if (target && rule.files?.includes(target)) return `${target}: ${rule.why}`;
  }
  if (!target) return undefined;
  // Tests exercise the entry points (their exported main) in process: they may import infra/.
  if (target.startsWith('infra/') && !from.startsWith('infra/') && !from.startsWith('test/')) {
    return `${target}: nothing but its tests imports infra/, which holds the entry points only`;
  }
  if (from.startsWith('constructs/') && /^(stacks|infra)\//.test(target)) {
    return `${target}: constructs/ is the published library and never imports stacks/ or infra/`;
  }
  if (/^(stacks|infra)\//.test(from) && target.startsWith('constructs/') && !ENTRY_POINTS.has(target)) {
    const doors = [...ENTRY_POINTS.values()].join(', ');
    return `${target}: stacks/ and infra/ use constructs/ only through the package's entry points (${doors}); export what you need from the module's barrel`;
  }
  const [fromModule, toModule] = [moduleOf(from), moduleOf(target)];
  if (fromModule && toModule && fromModule !== toModule && !target.endsWith('/index.ts')) {
    return `${target}: constructs/${fromModule} reaches into constructs/${toModule}; import it through its barrel (constructs/${toModule}/index.ts or a sub-barrel)`;
  }
  return undefined;
}

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer arrows of the design (infra → stacks → constructs, through entry points and barrels)' },
    schema: [],
    messages: { layer: 'Layer violation: {{problem}}.' },
  },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const problem = layerProblem(file, node.source.value, isTypeOnly(node));
      if (problem) context.report({ node: node.source, messageId: 'layer', data: { problem } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const GRAPH_ROOTS = ['constructs', 'stacks', 'infra'];
const SPECIFIER = /(?:^|[\s;])(?:import|export)\s[^;]*?\sfrom\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

let diskGraph;

/** Every .ts file of the graph's roots and the files its relative imports name, as read from disk (once per run). */
function graphFromDisk() {
  if (diskGraph) return diskGraph;
  diskGraph = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const targets = [];
        for (const m of fs.readFileSync(full, 'utf8').matchAll(SPECIFIER)) {
          const target = resolve(full, m[1] ?? m[2]);
          if (target) targets.push(target);
        }
        diskGraph.set(relative(full), targets);
      }
    }
  };
  for (const root of GRAPH_ROOTS) walk(path.join(ROOT, root));
  return diskGraph;
}

/** A path of imports from `start` back to `goal`, or undefined. */
function pathBack(graph, start, goal) {
  const seen = new Set([start]);
  const stack = [[start]];
  while (stack.length > 0) {
    const trail = stack.pop();
    for (const next of graph.get(trail[trail.length - 1]) ?? []) {
      if (next === goal) return [...trail, next];
      if (!seen.has(next)) {
        seen.add(next);
        stack.push([...trail, next]);
      }
    }
  }
  return undefined;
}

const noCyclesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycles among the files of constructs/, stacks/ and infra/, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{cycle}}. Move what both sides need to a file that neither imports back.' },
  },
  create(context) {
    const from = relative(context.filename);
    if (!GRAPH_ROOTS.some((root) => from.startsWith(`${root}/`))) return {};
    const imports = [];
    const collect = (node) => {
      if (node.source && typeof node.source.value === 'string' && node.source.value.startsWith('.')) {
        const target = resolve(context.filename, node.source.value);
        if (target) imports.push({ node, target });
      }
    };
    return {
      ImportDeclaration: collect,
      ExportNamedDeclaration: collect,
      ExportAllDeclaration: collect,
      ImportExpression: collect,
      'Program:exit'() {
        // The file as it is being linted (it may differ from disk), every other file as on disk.
        const graph = new Map(graphFromDisk());
        graph.set(
          from,
          imports.map((i) => i.target),
        );
        for (const { node, target } of imports) {
          const back = pathBack(graph, target, from);
          if (back) context.report({ node: node.source, messageId: 'cycle', data: { cycle: [from, ...back].join(' → ') } });
        }
      },
    };
  },
};

export default { meta: { name: 'layers' }, rules: { imports: importsRule, 'no-cycles': noCyclesRule } };
