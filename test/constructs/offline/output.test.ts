/** The output folder is replaced as a whole: only a new, empty or previous output folder may be. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OUTPUT_MARKER, checkOutputFolder, writeOutputFolder } from '../../../constructs/offline/output';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'out-'));
}

describe('checkOutputFolder', () => {
  const project = tmp();
  fs.writeFileSync(path.join(project, 'Pulumi.yaml'), 'name: p\n');
  const check = (dir: string) => checkOutputFolder(dir, { key: '--out', protect: { 'the project folder': project } });

  test.each([
    ['the protected folder itself', () => project, 'is the project folder;'],
    ['a parent of it', () => path.dirname(project), `is a parent of the project folder (${fs.realpathSync(project)});`],
    ['the file-system root', () => path.parse(project).root, 'is a parent of the project folder'],
    ['a file', () => path.join(project, 'Pulumi.yaml'), 'is a file, not a folder'],
    [
      'a folder with foreign content',
      () => {
        const d = tmp();
        fs.writeFileSync(path.join(d, 'notes.txt'), 'mine');
        return d;
      },
      `holds files no offline run wrote (no ${OUTPUT_MARKER})`,
    ],
  ])('refuses %s, naming the flag', (_what, dir, message) => {
    const target = dir();
    const issues = check(target);
    expect(issues).toHaveLength(1);
    expect(issues[0].key).toBe('--out');
    expect(issues[0].value).toBe(target);
    expect(issues[0].message).toContain(message);
  });

  test.each([
    ['a new folder inside the project', () => path.join(project, 'dist')],
    ['an empty folder', () => tmp()],
    [
      'a previous output',
      () => {
        const d = tmp();
        fs.writeFileSync(path.join(d, OUTPUT_MARKER), '');
        fs.writeFileSync(path.join(d, 'plan.json'), '{}');
        return d;
      },
    ],
  ])('accepts %s', (_what, dir) => {
    expect(check(dir())).toEqual([]);
  });
});

describe('writeOutputFolder', () => {
  test('marks its output, so the next run may replace it', () => {
    const out = path.join(tmp(), 'dist');
    writeOutputFolder(out, [{ path: 'plan.json', content: '{}' }]);
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'plan.json']);
    writeOutputFolder(out, [{ path: 'b.txt', content: 'b' }]);
    expect(fs.readdirSync(out).sort()).toEqual([OUTPUT_MARKER, 'b.txt']);
  });

  test('refuses a folder it did not write and leaves it as it was', () => {
    const out = tmp();
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    expect(() => writeOutputFolder(out, [{ path: 'plan.json', content: '{}' }])).toThrow(/outDir: .* holds files no offline run wrote/);
    expect(fs.readdirSync(out)).toEqual(['keep.txt']);
  });
});
