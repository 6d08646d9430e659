/** The shared stack's outputs as a cluster stack reads them under the engine, through a `StackReference`. */
import type * as pulumi from '@pulumi/pulumi';
import { SharedNetworkOutputs, SharedOutputs } from './shared-outputs';

/** Reads the shared stack's outputs; fails with the missing output's name when one is absent. */
export async function readSharedOutputs(ref: pulumi.StackReference, name: string): Promise<SharedOutputs> {
  // A secret output comes back in `secretValue`, not `value`.
  const read = async <T>(key: string): Promise<T | undefined> => {
    const details = await ref.getOutputDetails(key);
    return (details.value ?? details.secretValue) as T | undefined;
  };
  const network = await read<SharedNetworkOutputs>('network');
  if (network === undefined) {
    throw new Error(`stack '${name}' has no output 'network': run 'pulumi up' on the shared stack first`);
  }
  return { network, nas: await read('nas'), site: await read('site'), devtools: await read('devtools'), backup: await read('backup') };
}
