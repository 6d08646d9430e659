/**
 * `npm run synth -- STACK [OUT_DIR]`: the offline run (no cloud account, no Pulumi CLI, no network):
 * `Pulumi.<STACK>.yaml` read and checked, the program evaluated under Pulumi's mocks, `dist/` written.
 */
import * as path from 'path';
import { ValidationError, offline } from 'aliyun-kubesphere';
import { program } from './platform';

const PROJECT_DIR = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const [stack = 'dev', out] = process.argv.slice(2);
  const outDir = path.resolve(out ?? path.join(PROJECT_DIR, 'dist'));
  const result = await offline.runOfflineProject({ projectDir: PROJECT_DIR, stacks: [stack], outDir, program, secretKeys: [`${offline.readProjectName(PROJECT_DIR)}:kubeconfig`] });
  console.log(offline.summarizePlan(result.plan));
  console.log(`\nwrote ${result.files.length} files to ${outDir}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ValidationError ? err.message : err);
  process.exit(err instanceof ValidationError ? 2 : 1);
});
