/**
 * `npm run synth [-- OUT_DIR]`: the offline run of the small platform, with the package's own
 * `synthesize` under Pulumi's mocks. No cloud account, no Pulumi CLI, no network. Writes the plan,
 * the KubeKey document, the manifests and the estate diagram to OUT_DIR (default `dist/`).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { diagram, offline } from 'aliyun-kubesphere';
import { smallPlatform } from './platform';

const PROJECT_DIR = path.resolve(__dirname, '..');
const STACK = 'dev';
/** Secret config the offline run fills with a placeholder when the stack file lacks it. */
const SECRET_KEYS = ['small:kubeconfig'];

/** Pulumi config as `setAllConfig` takes it: strings as they are, anything else as JSON. */
function readStackConfig(): Record<string, string> {
  const file = parse(fs.readFileSync(path.join(PROJECT_DIR, `Pulumi.${STACK}.yaml`), 'utf8')) as { config?: Record<string, unknown> };
  const config = Object.fromEntries(Object.entries(file.config ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  for (const key of SECRET_KEYS) {
    config[key] ??= 'offline-placeholder';
  }
  return config;
}

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(PROJECT_DIR, 'dist'));
  const result = await offline.synthesize({
    project: 'small',
    outDir,
    stacks: [{ name: STACK, config: readStackConfig(), secretKeys: SECRET_KEYS, program: smallPlatform }],
    extraFiles: (plan, artifacts) => diagram.architectureFiles(plan, artifacts, { title: 'small: the estate as planned' }),
  });
  console.log(offline.summarizePlan(result.plan));
  console.log(`\nwrote ${result.files.length} files to ${outDir}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
