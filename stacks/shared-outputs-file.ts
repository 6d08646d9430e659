/**
 * The shared stack's real outputs for the Kubernetes-only path (`cdk8s synth`), which runs no Pulumi
 * program: a file holding `pulumi stack output --json --stack shared`, named by {@link SHARED_OUTPUTS_ENV}.
 * Checked before anything is written, every problem in one error that names the file. No Pulumi here.
 */
import * as fs from 'fs';
import { ValidationError, ValidationIssue } from '../constructs/core';
import { bucketNameProblem } from '../constructs/alicloud/plan';
import type { SharedOutputsForWorkloads } from './shared-outputs';

/** The environment variable naming the outputs file; without it `cdk8s synth` uses the offline stand-ins. */
export const SHARED_OUTPUTS_ENV = 'SHARED_OUTPUTS_FILE';

/** The command whose output the file holds, for messages. */
export const SHARED_OUTPUTS_COMMAND = 'pulumi stack output --json --stack shared';

/** A hostname as Alibaba gives mount domains and OSS endpoints: lowercase DNS labels, at least two. */
const HOSTNAME_PATTERN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** A shared-outputs file that cannot be used; the message names the file and every bad output. */
export class SharedOutputsError extends ValidationError {
  constructor(
    public readonly file: string,
    issues: readonly ValidationIssue[],
  ) {
    super(issues, `Invalid shared stack outputs in ${file} (${SHARED_OUTPUTS_ENV}; expected the output of '${SHARED_OUTPUTS_COMMAND}')`);
    this.name = 'SharedOutputsError';
  }
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hostname(value: unknown, key: string, what: string, issues: ValidationIssue[]): string | undefined {
  if (typeof value === 'string' && HOSTNAME_PATTERN.test(value)) {
    return value;
  }
  issues.push({
    key,
    value,
    message: `is not ${what}; expected a lowercase host name such as 0a1b2c3d4e-abcde.cn-shenzhen.nas.aliyuncs.com`,
  });
  return undefined;
}

/**
 * The outputs the manifests need, from the text of `pulumi stack output --json --stack shared`;
 * `file` names it in errors. Other outputs are not read, but `network` must be there: a file without
 * it is not the shared stack's.
 */
export function parseSharedOutputs(text: string, file: string): SharedOutputsForWorkloads {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SharedOutputsError(file, [{ key: file, value: undefined, message: `is not JSON: ${(err as Error).message}` }]);
  }
  if (!isMap(doc)) {
    throw new SharedOutputsError(file, [{ key: file, value: doc, message: 'is not a JSON object of outputs by name' }]);
  }
  const issues: ValidationIssue[] = [];
  if (!isMap(doc.network)) {
    issues.push({
      key: 'network',
      value: doc.network,
      message: "is not an object: every shared stack exports 'network', so this is another stack's file",
    });
  }
  let nas: Record<string, { mountDomain: string }> | undefined;
  if (doc.nas !== undefined && doc.nas !== null) {
    if (!isMap(doc.nas)) {
      issues.push({ key: 'nas', value: doc.nas, message: 'is not an object of file systems by cluster name' });
    } else {
      nas = {};
      for (const [cluster, fileSystem] of Object.entries(doc.nas)) {
        const found = isMap(fileSystem) ? fileSystem.mountDomain : undefined;
        const mountDomain = hostname(found, `nas.${cluster}.mountDomain`, 'a NAS mount domain', issues);
        if (mountDomain !== undefined) nas[cluster] = { mountDomain };
      }
    }
  }
  let backup: SharedOutputsForWorkloads['backup'];
  if (doc.backup !== undefined && doc.backup !== null) {
    if (!isMap(doc.backup)) {
      issues.push({ key: 'backup', value: doc.backup, message: 'is not an object with bucketName and intranetEndpoint' });
    } else {
      const bucketName = typeof doc.backup.bucketName === 'string' ? doc.backup.bucketName : undefined;
      const bucketProblem = bucketName === undefined ? 'is not a string; expected an OSS bucket name' : bucketNameProblem(bucketName);
      if (bucketProblem !== undefined) {
        issues.push({ key: 'backup.bucketName', value: doc.backup.bucketName, message: bucketProblem });
      }
      const endpoint = hostname(doc.backup.intranetEndpoint, 'backup.intranetEndpoint', 'an OSS endpoint', issues);
      if (bucketName !== undefined && bucketProblem === undefined && endpoint !== undefined)
        backup = { bucketName, intranetEndpoint: endpoint };
    }
  }
  if (issues.length > 0) {
    throw new SharedOutputsError(file, issues);
  }
  return { ...(nas ? { nas } : {}), ...(backup ? { backup } : {}) };
}

/** Reads and checks the outputs file; a missing or unreadable file is a {@link SharedOutputsError} too. */
export function readSharedOutputsFile(file: string): SharedOutputsForWorkloads {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SharedOutputsError(file, [
      {
        key: file,
        value: undefined,
        message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); save it with '${SHARED_OUTPUTS_COMMAND} > <file>'`,
      },
    ]);
  }
  return parseSharedOutputs(text, file);
}
