/** The editor schema of the stack files: generated from the parser's checkers, committed, in use. */
import Ajv, { ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { STACK_SCHEMA_FILES, stackFileJsonSchema, stackSchemaFiles } from '../../../stacks/config/json-schema';
import { stackKind } from '../../../stacks/config/parse';

const ROOT = path.resolve(__dirname, '../../..');
const STACKS = ['shared', 'prod', 'test'];

function schemaKind(stack: string): 'shared' | 'cluster' {
  return stackKind(stack) === 'shared' ? 'shared' : 'cluster';
}

/** One compiled validator per kind for the file: compiling the schema is most of a check's time. */
const validators = new Map<'shared' | 'cluster', ValidateFunction>();

function validator(stack: string): ValidateFunction {
  const kind = schemaKind(stack);
  let validate = validators.get(kind);
  if (validate === undefined) {
    validate = new Ajv({ strict: true, allErrors: true }).compile(stackFileJsonSchema('platform', kind));
    validators.set(kind, validate);
  }
  return validate;
}

function shippedDoc(stack: string): { config: Record<string, any> } {
  return parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8'));
}

describe('the stack file JSON Schema', () => {
  test.each(Object.entries(stackSchemaFiles('platform')))('%s is committed as generated (run npm run schema)', (file, content) => {
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(content);
  });

  test.each(STACKS)('Pulumi.%s.yaml names its schema on its first line and passes it', (stack) => {
    const text = fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), 'utf8');
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=./${STACK_SCHEMA_FILES[schemaKind(stack)]}`);
    const validate = validator(stack);
    expect(validate(parse(text))).toBe(true);
    expect(validate.errors).toBeNull();
  });

  test.each<[string, string, (c: Record<string, any>) => void, string]>([
    ['an unknown key', 'test', (c) => (c['platform:kubernetes'].podCIDR = '10.0.0.0/16'), '/config/platform:kubernetes'],
    ['an unknown top-level key', 'shared', (c) => (c['platform:vpcCidr'] = '10.0.0.0/16'), '/config'],
    ['a namespace typo', 'test', (c) => (c['platfrom:kubesphere'] = {}), '/config'],
    ['a wrong type', 'prod', (c) => (c['platform:nodePools'][0].count = 'three'), '/config/platform:nodePools/0/count'],
    [
      'a value outside its enum',
      'test',
      (c) => (c['platform:kubesphere'].multiclusterRole = 'primary'),
      '/config/platform:kubesphere/multiclusterRole',
    ],
    ['an unknown region', 'shared', (c) => (c['alicloud:region'] = 'cn-shenzen'), '/config/alicloud:region'],
    [
      'a clear-text secret',
      'test',
      (c) => (c['platform:secrets'] = { jwtSigningKey: 'hunter2' }),
      '/config/platform:secrets/jwtSigningKey',
    ],
  ])('rejects %s', (_what, stack, mutate, where) => {
    const doc = shippedDoc(stack);
    mutate(doc.config);
    const validate = validator(stack);
    expect(validate(doc)).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(where);
  });

  test('carries descriptions, defaults and enums from the checkers', () => {
    const config = (stackFileJsonSchema('platform', 'cluster').properties as any).config.properties;
    expect(config['platform:kubernetes'].properties.podCidr).toEqual({
      type: 'string',
      pattern: '^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$',
      description: 'an IPv4 CIDR such as 10.0.0.0/16',
      default: '10.233.64.0/18',
    });
    expect(config['platform:kubesphere'].properties.multiclusterRole).toEqual({ enum: ['host', 'member', 'none'], default: 'none' });
    expect(config['platform:nodePools'].description).toBe('The ECS node pools: count, roles, instance type, image and fixed addresses.');
  });
});
