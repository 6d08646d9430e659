/** Picks the composition for a stack from its parsed spec. */
import type { StackProgram } from '../constructs/core';
import { StackSpec } from './config';
import { clusterProgram } from './cluster';
import { sharedProgram } from './shared';
import { PreviewSpec, previewProgram } from './preview';

export function programFor(spec: StackSpec | PreviewSpec): StackProgram {
  switch (spec.kind) {
    case 'shared':
      return () => sharedProgram(spec);
    case 'cluster':
      return () => clusterProgram(spec);
    case 'preview':
      return () => previewProgram(spec);
  }
}
