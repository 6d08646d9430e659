/**
 * The contract between a stack's composition and whatever runs it: `pulumi up` (the engine runs the
 * program) and the offline run (it evaluates the program under mocks). A composition returns a
 * {@link StackResult}; neither side needs the other to type it. Types only: this file loads no
 * Pulumi module at run time.
 */
import type * as pulumi from '@pulumi/pulumi';

/** A file the program wants written by the offline run, relative to the output folder. */
export interface Artifact {
  /** Path relative to the output folder, with `/` separators. */
  readonly path: string;
  /** File content; must not be secret (the offline run refuses to write secrets). */
  readonly content: pulumi.Input<string>;
  /**
   * The YAML documents `content` holds, as data, when the program has them at hand (a manifest
   * rendered from objects): readers of the run's files (the diagram) then need not parse the text.
   * Must equal what parsing `content` gives.
   * @default - readers parse `content`
   */
  readonly documents?: readonly unknown[];
}

/** What a stack program returns: its stack outputs and the files the offline run writes. */
export interface StackResult {
  /** The stack's outputs; other stacks read them through a `StackReference`. */
  readonly outputs: Record<string, pulumi.Input<unknown>>;
  /**
   * Files for the offline run to write (KubeKey documents, manifests).
   * @default []
   */
  readonly artifacts?: readonly Artifact[];
  /** Things the user should know (an acknowledged unsupported version); the offline run prints them. */
  readonly warnings?: readonly string[];
}

/** A stack's Pulumi program, as the offline run (and `pulumi up`) runs it. */
export type StackProgram = () => Promise<StackResult>;
