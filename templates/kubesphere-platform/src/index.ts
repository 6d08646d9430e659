/** `pulumi up`: the stack outputs of the platform. */
import { program } from './platform';

export = program().then((result) => result.outputs);
