/** jest globalTeardown: removes the shared offline run's folder (see global-setup.ts). */
import * as fs from 'fs';
import { SHARED_RUN_ENV } from './shipped-run';

export default function globalTeardown(): void {
  const dir = process.env[SHARED_RUN_ENV];
  if (dir !== undefined) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
