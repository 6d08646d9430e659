/**
 * The README ships in the package, and the registry's page resolves its relative links against the
 * manifest's `repository`: without one, every link to a file outside the tarball (docs/, the example,
 * CONTRIBUTING.md) is dead there. So the field is set, and every relative link of both READMEs names a
 * file or folder of this repository.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const READMES = ['README.md', 'README.zh-CN.md'];

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  readonly repository?: { readonly type: string; readonly url: string };
  readonly homepage?: string;
  readonly bugs?: { readonly url: string };
};

/** The targets of the Markdown links of `text` that are neither absolute URLs nor in-page anchors. */
export function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

test('relativeLinks keeps repository paths only', () => {
  expect(relativeLinks('[a](docs/x.md) [b](https://e.com) [c](#anchor) [d](examples/small-platform) [e](mailto:x@y)')).toEqual([
    'docs/x.md',
    'examples/small-platform',
  ]);
});

test('the manifest names its git repository, its home page and where to file issues', () => {
  expect(manifest.repository?.type).toBe('git');
  expect(manifest.repository?.url).toMatch(/^git\+https:\/\/[^/]+\/.+\.git$/);
  const web = manifest.repository?.url.replace(/^git\+/, '').replace(/\.git$/, '');
  expect(manifest.homepage).toBe(`${web}#readme`);
  expect(manifest.bugs?.url).toBe(`${web}/-/issues`);
});

test.each(READMES)('every relative link of %s names a file of the repository', (readme) => {
  const links = relativeLinks(fs.readFileSync(path.join(ROOT, readme), 'utf8'));
  expect(links.length).toBeGreaterThan(0);
  expect(links.filter((l) => !fs.existsSync(path.join(ROOT, l.replace(/#.*$/, ''))))).toEqual([]);
});
