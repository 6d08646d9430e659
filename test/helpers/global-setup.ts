/** jest globalSetup: the folder of the one shared offline run (test/helpers/shipped-run.ts), made empty. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SHARED_RUN_ENV } from './shipped-run';

export default function globalSetup(): void {
  // Workers start after this and inherit the environment.
  process.env[SHARED_RUN_ENV] = fs.mkdtempSync(path.join(os.tmpdir(), 'jest-shipped-run-'));
}
