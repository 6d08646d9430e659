/**
 * Renders a declarative Jenkinsfile for one Maven service on KubeSphere DevOps (Jenkins 2.319,
 * Generic Webhook Trigger 1.72). Pure: a spec in, a string out.
 *
 * Flow: GitLab push (or tag push) → `GenericTrigger` → Checkout → Build (Maven) → Image (Docker
 * build, push to Harbor) → Deploy to test → Deploy to production → WeCom robot message.
 */
import { ValidationError } from '../../core';
import {
  block,
  envRef,
  groovyString as g,
  javaRegexLiteral,
  Line,
  renderLines,
  shellLiteral,
  shellWord,
  shellWordWithMarkers,
} from './script';
import { DeployEnvironment, JenkinsfileSpec, ResolvedDeployTarget, ResolvedJenkinsfileSpec, resolveJenkinsfileSpec } from './spec';
import { validateJenkinsfileSpec } from './validate';

/** Minutes a production approval may wait; the agent pod stays allocated while it waits. */
export const APPROVAL_TIMEOUT_MINUTES = 60;
/** Seconds `kubectl rollout status` waits before the deploy stage fails. */
export const ROLLOUT_TIMEOUT_SECONDS = 300;
/** WeCom group robot endpoint; the robot key is appended at run time from a credential. */
export const WECOM_WEBHOOK_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';

const TAG_REF_PREFIX = 'refs/tags/';
/**
 * Tag names the trigger lets through. Narrow on purpose: the pushed ref comes from the webhook
 * body and ends up in the checkout and in the WeCom message, so it must stay inert text.
 */
const TAG_NAME_PATTERN = '[A-Za-z0-9._/-]+';
/** Fetch branches and tags, so a `refs/tags/…` ref from a tag push can be checked out. */
const CHECKOUT_REFSPEC = '+refs/heads/*:refs/remotes/origin/* +refs/tags/*:refs/tags/*';

/** Stage names, in the order they appear in every rendered Jenkinsfile. First: clone the pushed branch or tag. */
export const STAGE_CHECKOUT = 'Checkout';
/** Second stage: the Maven `package` build. */
export const STAGE_BUILD = 'Build';
/** Third stage: build the image, push it to Harbor. */
export const STAGE_IMAGE = 'Image';

/** Name of the deploy stage for an environment: `Deploy to test`, `Deploy to production`. */
export function deployStageName(environment: DeployEnvironment): string {
  return `Deploy to ${environment}`;
}

/**
 * Renders the Jenkinsfile for one service.
 *
 * The trigger is declared in the Jenkinsfile (not in the `Pipeline` CRD's `generic_webhook`)
 * because only the Jenkinsfile form supports JSONPath variables and a token credential ID; the
 * CRD form would need the token value itself. Jenkins registers a trigger declared this way on the
 * job's first run, so a new pipeline must be run once by hand before webhooks reach it.
 *
 * @throws ValidationError naming every invalid prop
 */
export function renderJenkinsfile(spec: JenkinsfileSpec): string {
  const issues = validateJenkinsfileSpec(spec);
  if (issues.length > 0) {
    throw new ValidationError(issues, `Invalid Jenkinsfile spec for service ${JSON.stringify(spec.serviceName)}`);
  }
  const s = resolveJenkinsfileSpec(spec);
  return renderLines(
    block('pipeline', [
      block('agent', [block('node', [`label ${g(s.agentLabel)}`])]),
      triggers(s),
      block('stages', [checkoutStage(s), buildStage(s), imageStage(s), ...s.deployTargets.map((t) => deployStage(s, t))]),
      post(s),
    ]),
  );
}

function branchRef(s: ResolvedJenkinsfileSpec): string {
  return `refs/heads/${s.branch}`;
}

function buildsTags(s: ResolvedJenkinsfileSpec): boolean {
  return s.deployTargets.some((t) => t.when === 'tag');
}

function triggers(s: ResolvedJenkinsfileSpec): Line {
  const branch = javaRegexLiteral(branchRef(s));
  const filter = buildsTags(s) ? `^(${branch}|${javaRegexLiteral(TAG_REF_PREFIX)}${TAG_NAME_PATTERN})$` : `^${branch}$`;
  return block('triggers', [
    'GenericTrigger(',
    {
      indent: [
        `genericVariables: [[key: 'ref', value: '$.ref']],`,
        `tokenCredentialId: ${g(s.tokenCredentialId)},`,
        `causeString: ${g('GitLab push to $ref')},`,
        // the GitLab payload carries author names and e-mails: keep it out of build logs
        'printContributedVariables: false,',
        'printPostContent: false,',
        'silentResponse: false,',
        `regexpFilterText: '$ref',`,
        `regexpFilterExpression: ${g(filter)}`,
      ],
    },
    ')',
  ]);
}

function inContainer(s: ResolvedJenkinsfileSpec, body: readonly Line[]): Line {
  return block(`container(${g(s.agentContainer)})`, body);
}

function sh(command: string): string {
  return `sh ${g(command)}`;
}

function checkoutStage(s: ResolvedJenkinsfileSpec): Line {
  const scm = [
    `checkout([$class: 'GitSCM', branches: [[name: env.GIT_REF]], userRemoteConfigs: [[`,
    `url: ${g(s.repositoryUrl)}, credentialsId: ${g(s.gitlabCredentialId)}, refspec: ${g(CHECKOUT_REFSPEC)}`,
    ']]])',
  ].join('');
  return block(`stage(${g(STAGE_CHECKOUT)})`, [
    block('steps', [
      block('script', [
        '// a run started by hand has no webhook payload: build the configured branch',
        `env.GIT_REF = env.ref ?: ${g(branchRef(s))}`,
        `if (env.GIT_REF.startsWith(${g(TAG_REF_PREFIX)})) {`,
        {
          indent: [
            '// buildingTag() reads TAG_NAME, which only multibranch jobs set by themselves',
            `env.TAG_NAME = env.GIT_REF.replaceFirst(${g(`^${TAG_REF_PREFIX}`)}, '')`,
          ],
        },
        '}',
        scm,
        `env.COMMIT = sh(script: 'git rev-parse --short=8 HEAD', returnStdout: true).trim()`,
      ]),
    ]),
  ]);
}

function buildStage(s: ResolvedJenkinsfileSpec): Line {
  const args = ['mvn', '-B', `-Dmaven.repo.local=${s.mavenLocalRepository}`, ...(s.mavenSkipTests ? ['-DskipTests'] : []), 'package'];
  return block(`stage(${g(STAGE_BUILD)})`, [block('steps', [inContainer(s, [sh(args.map(shellLiteral).join(' '))])])]);
}

function imageRepository(s: ResolvedJenkinsfileSpec): string {
  return `${s.harborHost}/${s.harborProject}/${s.imageName}`;
}

/** The image reference as a shell word: `"<host>/<project>/<image>:${COMMIT}"`. */
function imageWord(s: ResolvedJenkinsfileSpec, prefix = ''): string {
  return shellWord(`${prefix}${imageRepository(s)}:`, envRef('COMMIT'));
}

function imageStage(s: ResolvedJenkinsfileSpec): Line {
  const host = shellLiteral(s.harborHost);
  const login = `echo "$HARBOR_PASSWORD" | docker login ${host} --username "$HARBOR_USER" --password-stdin`;
  return block(`stage(${g(STAGE_IMAGE)})`, [
    block('steps', [
      inContainer(s, [
        sh(`docker build --file ${shellLiteral(s.dockerfile)} --tag ${imageWord(s)} .`),
        block(
          `withCredentials([usernamePassword(credentialsId: ${g(s.harborCredentialId)}, usernameVariable: 'HARBOR_USER', passwordVariable: 'HARBOR_PASSWORD')])`,
          [sh(login), sh(`docker push ${imageWord(s)}`), sh(`docker logout ${host}`)],
        ),
      ]),
    ]),
  ]);
}

function deployGuard(s: ResolvedJenkinsfileSpec, target: ResolvedDeployTarget): Line {
  if (target.when === 'tag') {
    return block('when', ['buildingTag()']);
  }
  return block('when', [`expression { return env.GIT_REF == ${g(branchRef(s))} }`]);
}

function deployStage(s: ResolvedJenkinsfileSpec, target: ResolvedDeployTarget): Line {
  const ns = `--namespace ${shellLiteral(target.namespace)}`;
  const deployment = shellLiteral(`deployment/${target.deployment}`);
  const approval: Line[] =
    target.when === 'approval'
      ? [
          block(`timeout(time: ${APPROVAL_TIMEOUT_MINUTES}, unit: 'MINUTES')`, [
            `input(message: ${g(`Deploy ${s.serviceName} to ${target.environment}?`)}, ok: 'Deploy')`,
          ]),
        ]
      : [];
  return block(`stage(${g(deployStageName(target.environment))})`, [
    deployGuard(s, target),
    block('steps', [
      ...approval,
      inContainer(s, [
        block(`withCredentials([kubeconfigFile(credentialsId: ${g(target.kubeconfigCredentialId)}, variable: 'KUBECONFIG')])`, [
          sh(`kubectl ${ns} set image ${deployment} ${imageWord(s, `${target.container}=`)}`),
          sh(`kubectl ${ns} rollout status ${deployment} --timeout=${ROLLOUT_TIMEOUT_SECONDS}s`),
        ]),
      ]),
    ]),
  ]);
}

/**
 * The `curl` command that posts a WeCom markdown message. The JSON is written once here with
 * `JSON.stringify`; run-time values are `@@NAME@@` markers that become shell variables.
 *
 * The robot key is the secret part of the URL, so the URL never reaches curl's arguments (visible in
 * `ps` to every process on the agent): the shell builtin `printf` writes a curl config line to curl's
 * standard input (`--config -`). The key is a WeCom key (letters, digits, dashes), so it needs no
 * escaping inside the config file's double quotes.
 */
export function wecomCommand(serviceName: string, outcome: 'succeeded' | 'failed'): string {
  const content = [
    `**${serviceName}** build ${outcome}`,
    '> ref: @@GIT_REF@@',
    '> commit: @@COMMIT@@',
    '> build: [#@@BUILD_NUMBER@@](@@BUILD_URL@@)',
  ].join('\n');
  const payload = JSON.stringify({ msgtype: 'markdown', markdown: { content } });
  const config = `printf ${shellLiteral('url = "%s?key=%s"\\n')} ${shellLiteral(WECOM_WEBHOOK_URL)} ${shellWord(envRef('WECOM_KEY'))}`;
  // a WeCom outage must not turn a green build red, so a failed post is only logged
  return `${config} | curl -sS --max-time 10 --config - -H ${shellWord('Content-Type: application/json')} -d ${shellWordWithMarkers(payload)} || echo ${shellWord('WeCom notification failed')}`;
}

function notify(s: ResolvedJenkinsfileSpec, outcome: 'succeeded' | 'failed'): readonly Line[] {
  return [
    inContainer(s, [
      block(`withCredentials([string(credentialsId: ${g(s.wecomCredentialId)}, variable: 'WECOM_KEY')])`, [
        sh(wecomCommand(s.serviceName, outcome)),
      ]),
    ]),
  ];
}

function post(s: ResolvedJenkinsfileSpec): Line {
  return block('post', [block('success', notify(s, 'succeeded')), block('failure', notify(s, 'failed'))]);
}
