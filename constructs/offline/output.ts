/**
 * Writes the offline run's output folder all at once: everything goes to a temporary sibling
 * folder first, which then replaces the old one, so a failed run never leaves half an output.
 */
import * as fs from 'fs';
import * as path from 'path';

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
