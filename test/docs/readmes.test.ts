/**
 * `README.zh-CN.md` is a translation of `README.md`: the same headings in the same order (levels, and the
 * code in them), and in every table the same rows, with the same key in the first cell wherever that key
 * is code (the config reference's `platform:…` keys). A section, row or key added to one README only
 * fails here.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

export interface Section {
  /** `##`, `###`, … */
  readonly level: number;
  readonly heading: string;
  /** Each table row's cells, header and separator rows left out. */
  readonly rows: readonly string[][];
}

/** Splits Markdown into its headed sections (outside code fences), with their table rows. */
export function sections(markdown: string): Section[] {
  const out: Array<{ level: number; heading: string; rows: string[][] }> = [];
  let fenced = false;
  let afterHeader = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const h = /^(#{1,6}) (.*)$/.exec(line);
    if (h) {
      out.push({ level: h[1].length, heading: h[2], rows: [] });
      continue;
    }
    if (!line.startsWith('|') || out.length === 0) {
      afterHeader = false;
      continue;
    }
    // Cells split at `|` not escaped as `\|`.
    const cells = line
      .slice(1, line.endsWith('|') ? -1 : undefined)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) {
      afterHeader = true;
      continue;
    }
    if (afterHeader) out[out.length - 1].rows.push(cells);
  }
  return out;
}

const codeIn = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

describe('sections', () => {
  test('headings, and table rows after the separator, ignoring code fences', () => {
    const md = '# T\n\n## A `x`\n\n| k | v |\n| --- | --- |\n| `a` | 1 \\| 2 |\n\n```sh\n# not a heading\n```\n### B\n';
    expect(sections(md)).toEqual([
      { level: 1, heading: 'T', rows: [] },
      { level: 2, heading: 'A `x`', rows: [['`a`', '1 \\| 2']] },
      { level: 3, heading: 'B', rows: [] },
    ]);
  });
});

describe('README.zh-CN.md follows README.md', () => {
  const en = sections(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const zh = sections(fs.readFileSync(path.join(ROOT, 'README.zh-CN.md'), 'utf8'));

  test('the same headings: levels in order, and the code in each', () => {
    expect(zh.map((s) => [s.level, codeIn(s.heading)])).toEqual(en.map((s) => [s.level, codeIn(s.heading)]));
  });

  test('every table has the same rows, with the same code key first', () => {
    const shape = (list: Section[]) =>
      // The code of the first cell, not its text: Chinese lists code with `、`, English with `, `.
      list.map((s) => ({
        heading: codeIn(s.heading),
        rows: s.rows.map((r) => (r[0].startsWith('`') ? codeIn(r[0]) : `(${r.length} cells)`)),
      }));
    expect(shape(zh)).toEqual(shape(en));
  });

  test('the config reference lists every key of both', () => {
    const keys = (list: Section[]) =>
      list.flatMap((s) => s.rows.map((r) => r[0])).filter((k) => k.startsWith('`platform:') || k.startsWith('`alicloud:'));
    expect(keys(en).length).toBeGreaterThan(90);
    expect(keys(zh)).toEqual(keys(en));
  });
});
