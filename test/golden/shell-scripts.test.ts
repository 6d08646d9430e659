/**
 * Every shell script in the offline run's output for the shipped stacks passes shellcheck: the
 * KubeSphere cluster's remote commands, the dev-tools host's cloud-init scripts, the KubeKey
 * pre-install scripts, the containers' `sh -c` commands and probes, the Jenkinsfiles' `sh` steps.
 * Each builder's own test checks its scripts over its options; this one reads the golden copy
 * (which synth-output.test.ts holds byte-identical to the output), so a script added anywhere in
 * the output without a test of its own is still checked.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { shellCommands } from '../constructs/k8s/devops/jenkinsfile-parse';
import { ShellScript, describeShellcheck, shellScriptsIn } from '../helpers/shellcheck';

const GOLDEN = path.join(__dirname, 'dist');
/** pulumi-command runs a remote command through the login shell of the user, root: bash. */
const REMOTE_COMMAND_FIELDS = ['create', 'update', 'delete'];

interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(path.join(GOLDEN, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? yamlFiles(rel) : e.name.endsWith('.yaml') ? [rel] : [];
  });
}

/** Scripts inside one manifest or document, the Jenkinsfiles' `sh` steps included. */
function scriptsInDocument(doc: unknown, name: string): ShellScript[] {
  const pipeline = (doc as { spec?: { pipeline?: { jenkinsfile?: unknown } } } | null)?.spec?.pipeline?.jenkinsfile;
  const steps =
    typeof pipeline === 'string'
      ? shellCommands(pipeline).map((text, i) => ({ name: `${name} sh step ${i + 1}`, text, shell: 'sh' as const }))
      : [];
  return [...shellScriptsIn(doc, name), ...steps];
}

function scriptsInPlan(): ShellScript[] {
  const plan = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'plan.json'), 'utf8')) as {
    stacks: Record<string, { resources: PlannedResource[] }>;
  };
  return Object.entries(plan.stacks).flatMap(([stack, { resources }]) =>
    resources.flatMap((r) => {
      const name = `plan.json ${stack} ${r.name}`;
      if (r.type === 'command:remote:Command') {
        return REMOTE_COMMAND_FIELDS.filter((f) => typeof r.inputs[f] === 'string').map((f) => ({
          name: `${name}.${f}`,
          text: r.inputs[f] as string,
          shell: 'bash' as const,
        }));
      }
      if (typeof r.inputs.userData === 'string') {
        const cloudConfig = parse(Buffer.from(r.inputs.userData, 'base64').toString('utf8')) as unknown;
        return shellScriptsIn(cloudConfig, `${name}.userData`);
      }
      return scriptsInDocument(r.inputs, name);
    }),
  );
}

function scriptsInFiles(): ShellScript[] {
  return [...yamlFiles('k8s'), ...yamlFiles('kubekey')].flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(GOLDEN, file), 'utf8')).flatMap((doc, i) => scriptsInDocument(doc.toJS(), `${file}#${i}`)),
  );
}

describeShellcheck('every script in the offline output of the shipped stacks', () => {
  // The same script is often generated for several clusters or stacks: checked once, under its first name.
  const byText = new Map<string, ShellScript>();
  for (const script of [...scriptsInPlan(), ...scriptsInFiles()]) {
    if (!byText.has(script.text)) byText.set(script.text, script);
  }
  return [...byText.values()];
});
