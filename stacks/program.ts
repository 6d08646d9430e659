/** Picks the composition for a stack from its parsed spec. */
import { StackProgram } from '../constructs/offline/evaluate';
import { StackSpec } from './config';
import { clusterProgram } from './cluster';
import { sharedProgram } from './shared';

export function programFor(spec: StackSpec): StackProgram {
  switch (spec.kind) {
    case 'shared':
      return () => sharedProgram(spec);
    case 'cluster':
      return () => clusterProgram(spec);
  }
}
