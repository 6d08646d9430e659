/**
 * Validation of pipeline specs. Pure: returns issues so callers can prefix and merge them
 * (the DevOps project construct reports `services[2].branch`, the renderer plain `branch`).
 *
 * The patterns are deliberately narrower than what Jenkins or Git accept: every value ends up in
 * Groovy and shell text, and a narrow character set is the simplest proof that it is inert there.
 * Quoting in `script.ts` is still applied to everything, as a second line of defence.
 */
import { ValidationIssue, Validator } from '../../core';
import { DEPLOY_ENVIRONMENTS, DEPLOY_WHENS, JenkinsfileSpec, PipelineSharedSettings, ServiceBuildOptions } from './spec';

/** Kubernetes DNS-1123 label: names of services, namespaces, Deployments and containers. */
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL_MAX = 63;
/** Jenkins credential IDs; KubeSphere stores them as Secret names, which are narrower still. */
const CREDENTIAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;
/** Registry host with optional port, as Docker parses the first path component. */
const REGISTRY_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$/;
/** Harbor project name rule (Harbor 2.x UI): lower case, separators only between characters. */
const HARBOR_PROJECT = /^[a-z0-9]+([._-][a-z0-9]+)*$/;
/** Docker distribution repository path, without the registry host. */
const IMAGE_NAME = /^[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(\/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*$/;
/** A subset of `git check-ref-format` branch names; no `..`, no leading or trailing slash. */
const BRANCH = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
/** Clone URLs: URL form, or scp-like `user@host:path`. No whitespace or control characters. */
const REPOSITORY_URL = /^((https?|ssh):\/\/[^\s/]+\/\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$/;
const JENKINS_LABEL = /^[A-Za-z0-9._-]+$/;
const FILE_PATH = /^[A-Za-z0-9._/-]+$/;

/** Whether `value` is a Kubernetes DNS-1123 label. */
export function isDns1123Label(value: unknown): value is string {
  return typeof value === 'string' && value.length <= DNS_1123_LABEL_MAX && DNS_1123_LABEL.test(value);
}

const DNS_LABEL_MESSAGE = 'must be a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters';

function checkPattern(v: Validator, key: string, value: unknown, pattern: RegExp, message: string): void {
  if (typeof value !== 'string' || !pattern.test(value)) {
    v.add(key, value, message);
  }
}

function checkLabel(v: Validator, key: string, value: unknown): void {
  if (!isDns1123Label(value)) {
    v.add(key, value, DNS_LABEL_MESSAGE);
  }
}

function checkCredentialId(v: Validator, key: string, value: unknown): void {
  checkPattern(v, key, value, CREDENTIAL_ID, 'must be a credential ID: letters, digits, ".", "_", "-"');
}

/** Checks the shared settings. Optional props are checked only when set. */
export function validateSharedSettings(s: PipelineSharedSettings): readonly ValidationIssue[] {
  const v = new Validator();
  checkPattern(v, 'harborHost', s.harborHost, REGISTRY_HOST, 'must be a lower-case host name, optionally with ":port"');
  if (s.harborProject !== undefined) {
    checkPattern(
      v,
      'harborProject',
      s.harborProject,
      HARBOR_PROJECT,
      'must be a Harbor project name: lower-case letters, digits, ".", "_", "-"',
    );
  }
  const credentialKeys = ['harborCredentialId', 'gitlabCredentialId', 'tokenCredentialId', 'wecomCredentialId'] as const;
  for (const key of credentialKeys) {
    if (s[key] !== undefined) {
      checkCredentialId(v, key, s[key]);
    }
  }
  if (s.agentLabel !== undefined) {
    checkPattern(v, 'agentLabel', s.agentLabel, JENKINS_LABEL, 'must be a Jenkins label: letters, digits, ".", "_", "-"');
  }
  if (s.agentContainer !== undefined) {
    checkLabel(v, 'agentContainer', s.agentContainer);
  }
  return v.issues;
}

/** Checks one service's build and deploy options. */
export function validateServiceBuildOptions(o: ServiceBuildOptions): readonly ValidationIssue[] {
  const v = new Validator();
  if (o.branch !== undefined) {
    const ok = typeof o.branch === 'string' && BRANCH.test(o.branch) && !o.branch.includes('..') && !o.branch.endsWith('.lock');
    if (!ok) {
      v.add('branch', o.branch, 'must be a branch name: letters, digits, ".", "_", "-", "/" (no "..", no ".lock" suffix)');
    }
  }
  if (o.imageName !== undefined) {
    checkPattern(v, 'imageName', o.imageName, IMAGE_NAME, 'must be an image repository name: lower-case path components');
  }
  if (o.mavenLocalRepository !== undefined) {
    const ok =
      typeof o.mavenLocalRepository === 'string' && o.mavenLocalRepository.startsWith('/') && FILE_PATH.test(o.mavenLocalRepository);
    if (!ok) {
      v.add('mavenLocalRepository', o.mavenLocalRepository, 'must be an absolute path of letters, digits, ".", "_", "-", "/"');
    }
  }
  if (o.dockerfile !== undefined) {
    const ok = typeof o.dockerfile === 'string' && !o.dockerfile.startsWith('/') && FILE_PATH.test(o.dockerfile);
    if (!ok) {
      v.add('dockerfile', o.dockerfile, 'must be a path relative to the repository root: letters, digits, ".", "_", "-", "/"');
    }
  }
  validateDeployTargets(v, o);
  return v.issues;
}

function validateDeployTargets(v: Validator, o: ServiceBuildOptions): void {
  const seen = new Set<string>();
  (o.deployTargets ?? []).forEach((t, i) => {
    const key = `deployTargets[${i}]`;
    if (!DEPLOY_ENVIRONMENTS.includes(t.environment)) {
      v.add(`${key}.environment`, t.environment, `must be one of ${DEPLOY_ENVIRONMENTS.join(', ')}`);
    } else if (seen.has(t.environment)) {
      // one stage per environment: declarative pipelines reject duplicate stage names
      v.add(`${key}.environment`, t.environment, 'is already the environment of an earlier target');
    }
    seen.add(t.environment);
    if (!DEPLOY_WHENS.includes(t.when)) {
      v.add(`${key}.when`, t.when, `must be one of ${DEPLOY_WHENS.join(', ')}`);
    } else if (t.environment === 'production' && t.when === 'branch') {
      v.add(`${key}.when`, t.when, "deploys production on every push; use 'tag' or 'approval' to guard production");
    }
    checkLabel(v, `${key}.namespace`, t.namespace);
    checkCredentialId(v, `${key}.kubeconfigCredentialId`, t.kubeconfigCredentialId);
    if (t.deployment !== undefined) {
      checkLabel(v, `${key}.deployment`, t.deployment);
    }
    if (t.container !== undefined) {
      checkLabel(v, `${key}.container`, t.container);
    }
  });
}

/** Checks a clone URL. Exported for the DevOps project construct, which builds URLs from a base. */
export function validateRepositoryUrl(v: Validator, key: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') {
    v.add(key, value, 'must be a non-empty Git clone URL');
  } else {
    checkPattern(v, key, value, REPOSITORY_URL, 'must be an https://, http://, ssh:// or user@host:path Git URL without spaces');
  }
}

/** Checks a full {@link JenkinsfileSpec}. */
export function validateJenkinsfileSpec(spec: JenkinsfileSpec): readonly ValidationIssue[] {
  const v = new Validator();
  checkLabel(v, 'serviceName', spec.serviceName);
  validateRepositoryUrl(v, 'repositoryUrl', spec.repositoryUrl);
  v.addAll(validateSharedSettings(spec));
  v.addAll(validateServiceBuildOptions(spec));
  return v.issues;
}
