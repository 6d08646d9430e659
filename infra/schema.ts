/**
 * `npm run schema`: writes the JSON Schema of the stack files (schema/*.schema.json) from the
 * config parser's own definitions. Run it after changing a config key; a test fails until then.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readProjectName } from '../stacks/config/sources';
import { stackSchemaFiles } from '../stacks/config/json-schema';

const root = path.resolve(__dirname, '..');
for (const [file, content] of Object.entries(stackSchemaFiles(readProjectName(root)))) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
  console.log(`wrote ${file}`);
}
