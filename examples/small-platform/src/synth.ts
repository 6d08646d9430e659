/**
 * `npm run synth [-- OUT_DIR]`: the offline run of the small platform, with the package's own
 * `runOfflineProject`: the stack's config read from `Pulumi.dev.yaml` (the secret `small:kubeconfig`
 * refused in clear text, a placeholder when unset), the program under Pulumi's mocks. No cloud
 * account, no Pulumi CLI, no network. Writes the plan, the KubeKey document, the manifests and the
 * estate diagram to OUT_DIR (default `dist/`).
 */
import * as path from 'path';
import { ValidationError, diagram, offline } from 'aliyun-kubesphere';
import { smallPlatform } from './platform';

const PROJECT_DIR = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const outDir = path.resolve(process.argv[2] ?? path.join(PROJECT_DIR, 'dist'));
  const result = await offline.runOfflineProject({
    projectDir: PROJECT_DIR,
    stacks: ['dev'],
    outDir,
    program: smallPlatform,
    secretKeys: ['small:kubeconfig'],
    extraFiles: (plan, artifacts) => diagram.architectureFiles(plan, artifacts, { title: 'small: the estate as planned' }),
  });
  console.log(offline.summarizePlan(result.plan));
  for (const [stack, keys] of Object.entries(result.missingSecrets)) {
    if (keys.length > 0)
      console.log(`\n${stack}: before \`pulumi up\`, set ${keys.map((k) => `\`pulumi config set --secret ${k}\``).join(', ')}`);
  }
  console.log(`\nwrote ${result.files.length} files to ${outDir}`);
}

main().catch((err: unknown) => {
  // Bad config: one message naming every key, no stack trace.
  console.error(err instanceof ValidationError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(err instanceof ValidationError ? 2 : 1);
});
