/**
 * The cdk8s app (`cdk8s.yaml`'s `app:`): writes each cluster stack's manifests to `CDK8S_OUTDIR`
 * (set by `cdk8s synth`) or `dist/k8s`, as `<stack>/<chart>.k8s.yaml`. Same files as `npm run synth`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidationError } from '../constructs/lib/validation';
import { synthClusterManifests } from '../stacks/workloads/manifests';

async function main(): Promise<number> {
  const outDir = path.resolve(process.env.CDK8S_OUTDIR ?? path.join('dist', 'k8s'));
  const projectDir = path.resolve(process.env.PROJECT_DIR ?? '.');
  try {
    const files = await synthClusterManifests(projectDir);
    for (const file of files) {
      const full = path.join(outDir, file.path);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, file.content);
    }
    console.log(`wrote ${files.length} manifests to ${path.relative(process.cwd(), outDir) || '.'}`);
    return 0;
  } catch (err) {
    console.error(err instanceof ValidationError ? err.message : err instanceof Error ? (err.stack ?? err.message) : err);
    return 1;
  }
}

main().then((code) => process.exit(code));
