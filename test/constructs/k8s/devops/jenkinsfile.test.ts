import { execFileSync } from 'child_process';
import { JenkinsfileSpec, renderJenkinsfile, wecomCommand } from '../../../../constructs/k8s/devops';
import { ValidationError } from '../../../../constructs/core/validation';
import { blockBody, groovyUnquote, shellCommands, stageNames, withoutGroovyLiterals } from './jenkinsfile-parse';
import { describeShellcheck } from '../../../helpers/shellcheck';

const base: JenkinsfileSpec = {
  serviceName: 'orders',
  repositoryUrl: 'https://gitlab.example.com/shop/orders.git',
  harborHost: 'harbor.example.com',
  harborProject: 'shop',
  deployTargets: [
    { environment: 'test', namespace: 'shop-test', kubeconfigCredentialId: 'kubeconfig-test', when: 'branch' },
    { environment: 'production', namespace: 'shop-prod', kubeconfigCredentialId: 'kubeconfig-prod', when: 'approval' },
  ],
};

const IMAGE = 'harbor.example.com/shop/orders:${COMMIT}';

function issuesOf(spec: JenkinsfileSpec): { key: string; value: unknown }[] {
  try {
    renderJenkinsfile(spec);
  } catch (e) {
    if (e instanceof ValidationError) {
      return e.issues.map(({ key, value }) => ({ key, value }));
    }
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('renderJenkinsfile stages', () => {
  test('renders every stage, in order, once', () => {
    expect(stageNames(renderJenkinsfile(base))).toEqual(['Checkout', 'Build', 'Image', 'Deploy to test', 'Deploy to production']);
  });

  test('orders deploy stages test first whatever the input order', () => {
    const spec: JenkinsfileSpec = { ...base, deployTargets: [...(base.deployTargets ?? [])].reverse() };
    expect(stageNames(renderJenkinsfile(spec))).toEqual(['Checkout', 'Build', 'Image', 'Deploy to test', 'Deploy to production']);
  });

  test('stops after the image without deploy targets', () => {
    expect(stageNames(renderJenkinsfile({ ...base, deployTargets: undefined }))).toEqual(['Checkout', 'Build', 'Image']);
  });

  test('uses the maven agent and container by default', () => {
    const jf = renderJenkinsfile(base);
    expect(blockBody(jf, /^ {2}agent \{$/)).toBe(['    node {', "      label 'maven'", '    }'].join('\n'));
    expect(jf.match(/container\('maven'\)/g)).toHaveLength(6);
  });

  test.each([
    [{}, 'mvn -B -Dmaven.repo.local=/root/.m2/repository package'],
    [{ mavenSkipTests: true }, 'mvn -B -Dmaven.repo.local=/root/.m2/repository -DskipTests package'],
    [{ mavenLocalRepository: '/cache/m2' }, 'mvn -B -Dmaven.repo.local=/cache/m2 package'],
  ])('builds with Maven (%j)', (extra, command) => {
    expect(shellCommands(renderJenkinsfile({ ...base, ...extra }))[0]).toBe(command);
  });
});

describe('renderJenkinsfile trigger', () => {
  test('declares the GenericTrigger with the token credential and the branch filter', () => {
    const body = blockBody(renderJenkinsfile({ ...base, branch: 'release/1.0' }), /^ {2}triggers \{$/);
    expect(body.split('\n').map((l) => l.trim())).toEqual([
      'GenericTrigger(',
      "genericVariables: [[key: 'ref', value: '$.ref']],",
      "tokenCredentialId: 'gitlab-webhook-token',",
      "causeString: 'GitLab push to $ref',",
      'printContributedVariables: false,',
      'printPostContent: false,',
      'silentResponse: false,',
      "regexpFilterText: '$ref',",
      "regexpFilterExpression: '^refs/heads/release/1\\\\.0$'",
      ')',
    ]);
  });

  test('lets tag pushes through only when a target deploys on tags', () => {
    const spec: JenkinsfileSpec = {
      ...base,
      tokenCredentialId: 'orders-hook',
      deployTargets: [{ environment: 'production', namespace: 'prod', kubeconfigCredentialId: 'kc', when: 'tag' }],
    };
    const jf = renderJenkinsfile(spec);
    expect(jf).toContain("tokenCredentialId: 'orders-hook',");
    const filter = /regexpFilterExpression: ('.*')$/m.exec(jf)?.[1] ?? '';
    const regex = new RegExp(groovyUnquote(filter));
    expect(['refs/heads/main', 'refs/tags/v1.2.3'].map((r) => regex.test(r))).toEqual([true, true]);
    expect(['refs/heads/feature', 'refs/tags/v1;rm -rf /', 'refs/heads/mainx'].map((r) => regex.test(r))).toEqual([false, false, false]);
  });
});

describe('renderJenkinsfile image and deploy', () => {
  test('builds, logs in, pushes and logs out with the commit-tagged Harbor image', () => {
    expect(shellCommands(renderJenkinsfile(base)).slice(1, 5)).toEqual([
      `docker build --file Dockerfile --tag "${IMAGE}" .`,
      'echo "$HARBOR_PASSWORD" | docker login harbor.example.com --username "$HARBOR_USER" --password-stdin',
      `docker push "${IMAGE}"`,
      'docker logout harbor.example.com',
    ]);
  });

  test('binds Harbor with usernamePassword around the push', () => {
    const body = blockBody(
      renderJenkinsfile(base),
      /withCredentials\(\[usernamePassword\(credentialsId: 'harbor', usernameVariable: 'HARBOR_USER', passwordVariable: 'HARBOR_PASSWORD'\)\]\) \{$/,
    );
    expect(body).toContain('docker push');
  });

  test('uses imageName when set', () => {
    expect(renderJenkinsfile({ ...base, imageName: 'team/orders-api' })).toContain('"harbor.example.com/shop/team/orders-api:${COMMIT}"');
  });

  test('sets the image and waits for the rollout with the target kubeconfig', () => {
    const stage = blockBody(renderJenkinsfile(base), /stage\('Deploy to test'\)/);
    expect(stage).toContain("withCredentials([kubeconfigFile(credentialsId: 'kubeconfig-test', variable: 'KUBECONFIG')])");
    expect(shellCommands(stage)).toEqual([
      `kubectl --namespace shop-test set image deployment/orders "orders=${IMAGE}"`,
      'kubectl --namespace shop-test rollout status deployment/orders --timeout=300s',
    ]);
  });

  test('deploys test on the branch only', () => {
    const stage = blockBody(renderJenkinsfile(base), /stage\('Deploy to test'\)/);
    expect(blockBody(stage, /when \{$/).trim()).toBe("expression { return env.GIT_REF == 'refs/heads/main' }");
    expect(stage).not.toContain('input(');
  });

  test('guards production by approval: branch builds, then an input step with a timeout', () => {
    const stage = blockBody(renderJenkinsfile(base), /stage\('Deploy to production'\)/);
    expect(blockBody(stage, /when \{$/).trim()).toBe("expression { return env.GIT_REF == 'refs/heads/main' }");
    const steps = blockBody(stage, /steps \{$/)
      .split('\n')
      .map((l) => l.trim());
    expect(steps.slice(0, 3)).toEqual([
      "timeout(time: 60, unit: 'MINUTES') {",
      "input(message: 'Deploy orders to production?', ok: 'Deploy')",
      '}',
    ]);
  });

  test('guards production by tag with buildingTag(), fed by TAG_NAME from the pushed ref', () => {
    const spec: JenkinsfileSpec = {
      ...base,
      deployTargets: [
        {
          environment: 'production',
          namespace: 'prod',
          kubeconfigCredentialId: 'kc',
          when: 'tag',
          deployment: 'orders-api',
          container: 'app',
        },
      ],
    };
    const jf = renderJenkinsfile(spec);
    const stage = blockBody(jf, /stage\('Deploy to production'\)/);
    expect(blockBody(stage, /when \{$/).trim()).toBe('buildingTag()');
    expect(stage).not.toContain('input(');
    expect(shellCommands(stage)[0]).toBe(`kubectl --namespace prod set image deployment/orders-api "app=${IMAGE}"`);
    expect(jf).toContain("env.TAG_NAME = env.GIT_REF.replaceFirst('^refs/tags/', '')");
  });
});

describe('renderJenkinsfile WeCom notification', () => {
  test.each([
    ['success', 'succeeded'],
    ['failure', 'failed'],
  ])('posts on %s with the robot key from a string credential', (condition, outcome) => {
    const body = blockBody(blockBody(renderJenkinsfile(base), /^ {2}post \{$/), new RegExp(`^    ${condition} \\{$`));
    expect(body).toContain("withCredentials([string(credentialsId: 'wecom-robot-key', variable: 'WECOM_KEY')])");
    expect(shellCommands(body)).toEqual([wecomCommand('orders', outcome as 'succeeded' | 'failed')]);
  });

  test("sends valid markdown JSON to the robot URL once the shell has expanded it, the key never in curl's arguments", () => {
    const command = shellCommands(renderJenkinsfile(base)).at(-1) ?? '';
    // a stub curl prints its arguments, one per line, then the config it reads from stdin (--config -)
    const stub = 'curl() { printf "%s\\n" "$@"; printf "stdin:"; cat; }';
    const out = execFileSync('bash', ['-c', `${stub}\n${command}`], {
      env: {
        PATH: process.env.PATH,
        WECOM_KEY: 'k-123',
        GIT_REF: 'refs/heads/main',
        COMMIT: 'abc12345',
        BUILD_NUMBER: '7',
        BUILD_URL: 'https://jenkins/job/orders/7/',
      },
      encoding: 'utf8',
    });
    const [argv, config] = out.split('stdin:');
    const args = argv.trimEnd().split('\n');
    expect(args.slice(0, 7)).toEqual(['-sS', '--max-time', '10', '--config', '-', '-H', 'Content-Type: application/json']);
    expect(args).not.toContain(expect.stringContaining('k-123'));
    expect(argv).not.toContain('k-123');
    expect(config).toBe('url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123"\n');
    const payload = args[args.indexOf('-d') + 1];
    expect(JSON.parse(payload)).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: '**orders** build failed\n> ref: refs/heads/main\n> commit: abc12345\n> build: [#7](https://jenkins/job/orders/7/)',
      },
    });
  });
});

describe('renderJenkinsfile credentials', () => {
  test('names credentials by ID only and never renders values', () => {
    const spec = { ...base, token: 'SENTINEL-TOKEN', password: 'SENTINEL-PASSWORD', wecomKey: 'SENTINEL-KEY' };
    const jf = renderJenkinsfile(spec);
    expect(jf).not.toMatch(/SENTINEL/);
    expect(jf).not.toMatch(/\btoken:/);
    expect([...jf.matchAll(/credentialsId: '([^']*)'/g)].map((m) => m[1])).toEqual([
      'gitlab',
      'harbor',
      'kubeconfig-test',
      'kubeconfig-prod',
      'wecom-robot-key',
      'wecom-robot-key',
    ]);
  });

  test('leaves no Groovy interpolation anywhere: secrets are expanded only by the shell', () => {
    const groovy = withoutGroovyLiterals(renderJenkinsfile(base));
    expect(groovy).not.toContain('"');
    expect(groovy.replace(/\$class/g, '')).not.toContain('$');
  });

  test('escapes a quote in the repository URL as Groovy text', () => {
    const url = "https://gitlab.example.com/shop/o'rders.git";
    const jf = renderJenkinsfile({ ...base, repositoryUrl: url });
    const literal = /url: ('(?:[^'\\]|\\.)*')/.exec(jf)?.[1] ?? '';
    expect(literal).toBe("'https://gitlab.example.com/shop/o\\'rders.git'");
    expect(groovyUnquote(literal)).toBe(url);
  });
});

describe('renderJenkinsfile validation', () => {
  test.each<[string, Partial<JenkinsfileSpec>, { key: string; value: unknown }[]]>([
    ['a service name with a quote', { serviceName: "or'ders" }, [{ key: 'serviceName', value: "or'ders" }]],
    ['an upper-case service name', { serviceName: 'Orders' }, [{ key: 'serviceName', value: 'Orders' }]],
    ['an empty repository URL', { repositoryUrl: '' }, [{ key: 'repositoryUrl', value: '' }]],
    [
      'a repository URL with a space',
      { repositoryUrl: 'https://gitlab.example.com/a b.git' },
      [{ key: 'repositoryUrl', value: 'https://gitlab.example.com/a b.git' }],
    ],
    ['a branch with ".."', { branch: 'a..b' }, [{ key: 'branch', value: 'a..b' }]],
    ['a Harbor host with a path', { harborHost: 'harbor.example.com/x' }, [{ key: 'harborHost', value: 'harbor.example.com/x' }]],
    ['a credential ID with a quote', { harborCredentialId: "h'x" }, [{ key: 'harborCredentialId', value: "h'x" }]],
    [
      'production deploying on every push',
      { deployTargets: [{ environment: 'production', namespace: 'prod', kubeconfigCredentialId: 'kc', when: 'branch' }] },
      [{ key: 'deployTargets[0].when', value: 'branch' }],
    ],
    [
      'two targets for one environment',
      {
        deployTargets: [
          { environment: 'test', namespace: 'a', kubeconfigCredentialId: 'kc', when: 'branch' },
          { environment: 'test', namespace: 'b', kubeconfigCredentialId: 'kc', when: 'branch' },
        ],
      },
      [{ key: 'deployTargets[1].environment', value: 'test' }],
    ],
    [
      'a bad namespace and deployment together',
      { deployTargets: [{ environment: 'test', namespace: 'Shop_Test', kubeconfigCredentialId: 'kc', when: 'branch', deployment: '-x' }] },
      [
        { key: 'deployTargets[0].namespace', value: 'Shop_Test' },
        { key: 'deployTargets[0].deployment', value: '-x' },
      ],
    ],
  ])('fails on %s', (_, change, expected) => {
    expect(issuesOf({ ...base, ...change })).toEqual(expected);
  });

  test('fails with one error naming every problem', () => {
    expect(() => renderJenkinsfile({ ...base, serviceName: 'Bad', repositoryUrl: '' })).toThrow(
      /Invalid Jenkinsfile spec for service "Bad" \(2 problems\):\n {2}- serviceName: "Bad" must be a DNS-1123 label.*\n {2}- repositoryUrl: "" must be a non-empty Git clone URL/,
    );
  });
});

test('renders the full Jenkinsfile (snapshot)', () => {
  expect(renderJenkinsfile({ ...base, branch: 'develop', mavenSkipTests: true })).toMatchSnapshot();
});

describeShellcheck("the Jenkinsfile's sh steps (Jenkins runs them with /bin/sh)", () =>
  [
    ['default', renderJenkinsfile({ ...base, wecomCredentialId: 'wecom-robot' })],
    [
      'other options',
      renderJenkinsfile({
        ...base,
        serviceName: 'orders-api',
        imageName: 'team/orders-api',
        dockerfile: 'build/Dockerfile.prod',
        branch: 'release/1.0',
        mavenSkipTests: true,
      }),
    ],
  ].flatMap(([spec, jenkinsfile]) =>
    shellCommands(jenkinsfile).map((text, i) => ({ name: `${spec} sh step ${i + 1}`, text, shell: 'sh' as const })),
  ),
);
