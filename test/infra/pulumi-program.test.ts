/**
 * How `pulumi preview` / `pulumi up` start the program (Pulumi.yaml): no ts-node and no type-check,
 * the .ts files loaded through the cached transpiler. Pulumi's Node.js language host runs
 * `node <nodeargs> …/cmd/run … <main>` in the `main` folder, and `run` does `require('<main>/')`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');

interface ProjectFile {
  readonly main: string;
  readonly runtime: { readonly name: string; readonly options: { readonly typescript: boolean; readonly nodeargs: string } };
}

const project = parse(fs.readFileSync(path.join(ROOT, 'Pulumi.yaml'), 'utf8')) as ProjectFile;

describe('Pulumi.yaml runtime', () => {
  test('no ts-node (so no type-check on preview): the transpile hook comes through nodeargs', () => {
    expect(project.runtime.name).toBe('nodejs');
    expect(project.runtime.options.typescript).toBe(false);
    expect(project.runtime.options.nodeargs).toBe('--require ../scripts/ts-register.js');
  });

  test('from the main folder, as the language host runs it, the hook loads and the program resolves to infra/index.ts', () => {
    const programDir = path.resolve(ROOT, project.main);
    const run = spawnSync(
      process.execPath,
      [
        ...project.runtime.options.nodeargs.split(' '),
        '-e',
        "console.log(require.resolve(process.cwd() + '/'), typeof require.extensions['.ts'])",
      ],
      { cwd: programDir, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${path.join(ROOT, 'infra', 'index.ts')} function\n`);
  });
});
