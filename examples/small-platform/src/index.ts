/** `pulumi up`: the stack outputs of the small platform. */
import { smallPlatform } from './platform';

export = smallPlatform().then((result) => result.outputs);
