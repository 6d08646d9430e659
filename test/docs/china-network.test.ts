/**
 * The "In mainland China" section of both READMEs names what the project really downloads: the Pulumi
 * CLI and plugin versions it pins, the CI image the GitLab file really uses, and KubeKey's zone as the
 * install sets it. A version bump that leaves the section behind fails here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { DEFAULT_KUBEKEY_ZONE } from '../../constructs/alicloud/kubesphere-cluster/scripts';

const ROOT = path.resolve(__dirname, '../..');
const HEADINGS: Readonly<Record<string, string>> = { 'README.md': '## In mainland China', 'README.zh-CN.md': '## 中国大陆网络' };

function section(file: string): string {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const start = text.indexOf(`\n${HEADINGS[file]}\n`);
  if (start < 0) throw new Error(`${file} has no "${HEADINGS[file]}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

const code = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const gitlab = parse(fs.readFileSync(path.join(ROOT, '.gitlab-ci.yml'), 'utf8')) as {
  default: { image: string };
  variables: Record<string, string>;
};

describe.each(Object.keys(HEADINGS))('%s', (file) => {
  const text = section(file);

  test('the Pulumi CLI at the version CI installs and the SDK pins', () => {
    expect(gitlab.variables.PULUMI_VERSION).toBe(manifest.devDependencies['@pulumi/pulumi']);
    expect(text).toContain(`pulumi-v${gitlab.variables.PULUMI_VERSION}-linux-x64.tar.gz`);
    expect(text).toContain('PULUMI_SKIP_UPDATE_CHECK=true');
  });

  test('every provider plugin the program loads, at its SDK version, and both ways to mirror them', () => {
    const versions = {
      alicloud: manifest.devDependencies['@pulumi/alicloud'],
      kubernetes: manifest.devDependencies['@pulumi/kubernetes'],
      command: manifest.dependencies['@pulumi/command'],
    };
    for (const [name, version] of Object.entries(versions)) expect(text).toContain(`\`${name}\` ${version}`);
    expect(text).toContain(`pulumi plugin install resource alicloud ${versions.alicloud} --server https://`);
    expect(text).toContain("PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES='.*=https://");
    expect(text).toContain(`pulumi plugin install resource alicloud ${versions.alicloud} --file <tarball>`);
  });

  test('npm, the platform images, KubeKey and the CI image', () => {
    expect(text).toContain('npm config set registry https://registry.npmmirror.com');
    expect(text).toContain('platform:images.registry: <host>/<namespace>');
    expect(DEFAULT_KUBEKEY_ZONE).toBe('cn');
    expect(text).toContain(`KKZONE=${DEFAULT_KUBEKEY_ZONE}`);
    expect(gitlab.default.image).toBe('$NODE_IMAGE');
    expect(text).toContain(`Docker Hub \`${gitlab.variables.NODE_IMAGE}\``);
  });
});

test('both languages show the same commands and names', () => {
  expect(code(section('README.zh-CN.md'))).toEqual(code(section('README.md')));
});
