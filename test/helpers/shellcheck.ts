/**
 * Runs `shellcheck` (the Debian package) on the shell scripts the project generates, so a script
 * that masks a failure (SC2155), word-splits a value or uses a bashism under `sh` fails its test.
 *
 * Without shellcheck on the machine the checks are skipped, and say so once per test file;
 * `.ci/run` installs it and sets SHELLCHECK_REQUIRED=1, which turns a missing shellcheck into a
 * failing test, so CI never passes by skipping.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The dialect shellcheck checks against: what actually runs the script. */
export type Shell = 'bash' | 'sh';

/** One generated script. */
export interface ShellScript {
  /** Where the script comes from, shown with each finding (for example `prod-create-cluster.create`). */
  readonly name: string;
  /** The script's text, exactly as generated. */
  readonly text: string;
  /** The shell that runs it (`--shell`): a `#!` line or the `sh -c` / `bash -c` that starts it decides. */
  readonly shell: Shell;
}

const CANDIDATES = ['/usr/bin/shellcheck', '/usr/local/bin/shellcheck'];

/** Path of the shellcheck binary, or undefined when it is not installed. */
export const SHELLCHECK: string | undefined =
  CANDIDATES.find((p) => fs.existsSync(p)) ??
  (() => {
    const r = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' });
    return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : undefined;
  })();

const REQUIRED = process.env.SHELLCHECK_REQUIRED === '1';
const INSTALL_HINT = 'apt-get install -y shellcheck; .ci/run does';
let warned = false;

/**
 * shellcheck's findings for each script at its default severity (style and up), one
 * `name:line:column: level: message [SCnnnn]` line each, keyed by the script's name; empty when the
 * script is clean. One shellcheck process per shell: it checks each file on its command line on its
 * own, as it would alone, so one process does the work of many (each start is most of a check).
 */
export function shellcheckAll(scripts: readonly ShellScript[]): ReadonlyMap<string, string[]> {
  if (SHELLCHECK === undefined) {
    throw new Error(`shellcheck is not installed (${INSTALL_HINT})`);
  }
  const findings = new Map(scripts.map((s) => [s.name, [] as string[]]));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shellcheck-'));
  try {
    for (const shell of [...new Set(scripts.map((s) => s.shell))]) {
      const files = new Map<string, ShellScript>();
      for (const script of scripts.filter((s) => s.shell === shell)) {
        const file = path.join(dir, `${files.size}.sh`);
        fs.writeFileSync(file, script.text);
        files.set(file, script);
      }
      // --norc: a developer's ~/.shellcheckrc must not switch checks off.
      const r = spawnSync(SHELLCHECK, ['--norc', `--shell=${shell}`, '--format=gcc', ...files.keys()], { encoding: 'utf8' });
      if (r.error !== undefined || (r.status !== 0 && r.status !== 1)) {
        throw new Error(
          `shellcheck failed to run on ${[...files.values()].map((s) => s.name).join(', ')}: ${r.error?.message ?? r.stderr}`,
        );
      }
      for (const line of r.stdout.split('\n').filter((l) => l !== '')) {
        const file = line.slice(0, line.indexOf(':'));
        const script = files.get(file);
        if (script === undefined) {
          throw new Error(`shellcheck printed a line for no script it was given: ${line}`);
        }
        findings.get(script.name)!.push(`${script.name}${line.slice(file.length)}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return findings;
}

/**
 * Registers one test per script that fails on any shellcheck finding, listing them. Skipped with a
 * message when shellcheck is missing, unless SHELLCHECK_REQUIRED=1 (CI), where that fails.
 * @param scripts - built when the suite is collected; names must be unique
 */
export function describeShellcheck(title: string, scripts: () => readonly ShellScript[]): void {
  if (SHELLCHECK === undefined) {
    if (REQUIRED) {
      test(`shellcheck: ${title}`, () => {
        throw new Error(`shellcheck is not installed, and SHELLCHECK_REQUIRED=1 requires it (${INSTALL_HINT})`);
      });
      return;
    }
    if (!warned) {
      warned = true;
      console.warn(`SKIPPED the shellcheck tests of generated scripts: shellcheck is not installed (${INSTALL_HINT}).`);
    }
    test.skip(`shellcheck: ${title}`, () => undefined);
    return;
  }
  describe(`shellcheck: ${title}`, () => {
    const all = scripts();
    // Checked together on first use: one shellcheck process for the suite's scripts.
    let findings: ReadonlyMap<string, string[]> | undefined;
    test('there are scripts to check', () => {
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
    });
    test.each(all.map((s) => [s.name, s] as const))('%s passes shellcheck', (_name, script) => {
      findings ??= shellcheckAll(all);
      expect(findings.get(script.name)).toEqual([]);
    });
  });
}

const SHEBANG = /^#!\s*(?:\/usr\/bin\/env\s+)?(?:\/usr)?(?:\/bin\/)?(bash|sh)\b/;
const SHELL_ARGV0 = /^(?:\/usr)?(?:\/bin\/)?(bash|sh)$/;

/** The shell a `#!` line names, when it is bash or sh. */
export function shebangShell(text: string): Shell | undefined {
  return SHEBANG.exec(text)?.[1] as Shell | undefined;
}

/**
 * Every shell script inside a value (rendered manifests, a parsed cloud-config, plan inputs):
 * `[sh|bash, '-c', script]` command lists, and strings that start with a `#!` line for bash or sh.
 * @param name - prefix of each script's name; the path inside `value` is appended
 */
export function shellScriptsIn(value: unknown, name: string): ShellScript[] {
  const found: ShellScript[] = [];
  const walk = (v: unknown, at: string): void => {
    if (typeof v === 'string') {
      const shell = shebangShell(v);
      if (shell !== undefined) found.push({ name: at, text: v, shell });
    } else if (Array.isArray(v)) {
      const dashC = v.indexOf('-c');
      const argv0 = typeof v[0] === 'string' ? SHELL_ARGV0.exec(v[0]) : null;
      if (argv0 !== null && dashC === 1 && typeof v[2] === 'string') {
        found.push({ name: at, text: v[2], shell: argv0[1] as Shell });
      }
      v.forEach((item, i) => walk(item, `${at}[${i}]`));
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, item] of Object.entries(v)) walk(item, `${at}.${k}`);
    }
  };
  walk(value, name);
  return found;
}
