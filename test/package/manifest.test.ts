/**
 * The README ships in the package, and the registry's page resolves its relative links against the
 * manifest's `repository` only for github.com, gitlab.com and bitbucket.org. This repository is on the
 * company's own GitLab, so the field is set (home page and issues derive from it) and both READMEs link
 * to repository files absolutely, under the repository's web address, each naming a file or folder
 * that exists. Moving the repository: change `repository.url` and the links (this test names any left).
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

/** The repository's web address, from the manifest: the one place it is written. */
const WEB = manifest.repository?.url.replace(/^git\+/, '').replace(/\.git$/, '') ?? '';

/** The repository paths that the Markdown links of `text` point at through the repository's web address. */
export function repositoryLinks(text: string, web: string): Array<{ kind: string; path: string }> {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((t) => t.startsWith(`${web}/`))
    .map((t) => {
      const m = /^\/-\/(blob|tree)\/main\/([^#]+)(#.*)?$/.exec(t.slice(web.length));
      return { kind: m?.[1] ?? `not a /-/blob/main/ or /-/tree/main/ link: ${t}`, path: m?.[2] ?? '' };
    });
}

test('repositoryLinks reads blob and tree links under the web address only', () => {
  const web = 'https://git.example.com/g/p';
  expect(repositoryLinks(`[a](${web}/-/blob/main/docs/x.md#y) [b](${web}/-/tree/main/examples) [c](https://e.com/x)`, web)).toEqual([
    { kind: 'blob', path: 'docs/x.md' },
    { kind: 'tree', path: 'examples' },
  ]);
});

// The registry's page resolves relative links only for github.com, gitlab.com and bitbucket.org;
// this repository lives on the company's own GitLab, so the shipped READMEs link absolutely.
test.each(READMES)('%s has no relative link: the npm page could not resolve it', (readme) => {
  expect(relativeLinks(fs.readFileSync(path.join(ROOT, readme), 'utf8'))).toEqual([]);
});

test.each(READMES)('every link of %s into the repository names a file or folder that exists, as blob or tree', (readme) => {
  const links = repositoryLinks(fs.readFileSync(path.join(ROOT, readme), 'utf8'), WEB);
  expect(links.length).toBeGreaterThan(0);
  const wrong = links.filter((l) => {
    const full = path.join(ROOT, l.path);
    return !fs.existsSync(full) || (fs.statSync(full).isDirectory() ? 'tree' : 'blob') !== l.kind;
  });
  expect(wrong).toEqual([]);
});
