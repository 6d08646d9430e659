/**
 * Writes the offline run's output folder all at once: everything goes to a temporary sibling
 * folder first, which then replaces the old one, so a failed run never leaves half an output.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidationError, ValidationIssue } from '../core';

/**
 * The file every output folder carries. A folder is replaced only when it is empty or holds this
 * file, so a mistyped output path (`.`, the project folder, a home folder) is refused, never deleted.
 */
export const OUTPUT_MARKER = '.offline-output';
const MARKER_TEXT = 'Written by the offline run; this folder is replaced as a whole on every run.\n';

/** Where the output folder must not be: folders whose loss would be a disaster, by a name for the message. */
export interface OutputFolderCheck {
  /** How the user named the folder (a flag such as `--out`, or a prop); the issues' key. */
  readonly key: string;
  /** Folders that are never replaced, nor any of their parents, by how the message names them. */
  readonly protect: Readonly<Record<string, string>>;
}

function realOrResolved(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

function isSameOrParent(candidate: string, child: string): boolean {
  const rel = path.relative(candidate, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * What stops `outDir` from being replaced: the current or project folder or one of their parents,
 * a file, or a folder with content that no offline run wrote. Empty when it may be replaced.
 */
export function checkOutputFolder(outDir: string, check: OutputFolderCheck): ValidationIssue[] {
  const target = realOrResolved(outDir);
  for (const [what, dir] of Object.entries(check.protect)) {
    if (isSameOrParent(target, realOrResolved(dir))) {
      const which = target === realOrResolved(dir) ? what : `a parent of ${what} (${realOrResolved(dir)})`;
      return [
        {
          key: check.key,
          value: outDir,
          message: `is ${which}; the output folder is replaced as a whole, so expected a folder of its own such as dist`,
        },
      ];
    }
  }
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat === undefined) {
    return [];
  }
  if (!stat.isDirectory()) {
    return [{ key: check.key, value: outDir, message: 'is a file, not a folder; expected a new, empty or previous output folder' }];
  }
  const entries = fs.readdirSync(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    return [
      {
        key: check.key,
        value: outDir,
        message: `holds files no offline run wrote (no ${OUTPUT_MARKER}); expected a new, empty or previous output folder (it is replaced as a whole)`,
      },
    ];
  }
  return [];
}

/** A file of the output folder. */
export interface OutputFile {
  /** Path relative to the output folder, with `/` separators. */
  readonly path: string;
  /** File content. */
  readonly content: string;
}

/** Refuses paths that would escape the output folder. */
function safeJoin(root: string, relative: string): string {
  const full = path.resolve(root, relative);
  if (!full.startsWith(path.resolve(root) + path.sep)) {
    throw new Error(`output path '${relative}' is outside the output folder`);
  }
  return full;
}

/** Writes `files` to `outDir`, replacing the folder as a whole; on failure the old folder stays. */
export function writeOutputFolder(outDir: string, files: readonly OutputFile[]): void {
  const refused = checkOutputFolder(outDir, { key: 'outDir', protect: { 'the current folder': process.cwd() } });
  if (refused.length > 0) {
    throw new ValidationError(refused, 'Refusing to replace the output folder');
  }
  const target = path.resolve(outDir);
  const staging = `${target}.tmp-${process.pid}`;
  const previous = `${target}.old-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    for (const file of files) {
      const full = safeJoin(staging, file.path);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, file.content);
    }
    fs.mkdirSync(staging, { recursive: true });
    fs.writeFileSync(path.join(staging, OUTPUT_MARKER), MARKER_TEXT);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
  const hadPrevious = fs.existsSync(target);
  if (hadPrevious) {
    fs.renameSync(target, previous);
  }
  try {
    fs.renameSync(staging, target);
  } catch (err) {
    if (hadPrevious) {
      fs.renameSync(previous, target);
    }
    throw err;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}
