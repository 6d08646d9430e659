/**
 * `policy/` as `pulumi preview --policy-pack policy` runs it: the Pulumi CLI's Node.js policy host
 * starts `@pulumi/pulumi/cmd/run-policy-pack` in the pack's folder, which registers ts-node (with
 * type-checking) and loads the folder: its entry `index.js` loads `pack.ts` through the project's
 * cached transpiler instead, and builds the PolicyPack; that starts @pulumi/policy's analyzer
 * server and prints its port. This test does the same, then calls the server's Analyze RPC as
 * the engine does for every resource. No Pulumi CLI and no network beyond localhost.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';
import { AnalyzerClient } from '@pulumi/pulumi/proto/analyzer_grpc_pb';
import { AnalyzeRequest, AnalyzeResponse, AnalyzerResourceOptions, EnforcementLevel } from '@pulumi/pulumi/proto/analyzer_pb';

const ROOT = path.resolve(__dirname, '../..');

let pack: ChildProcess;
let client: AnalyzerClient;

/** Where the probe below writes each file ts-node compiles in the pack's process. */
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-pack-'));
const TS_NODE_LOG = path.join(work, 'ts-node-compiled.txt');
// Loaded into the pack's process first: wraps the ts-node the policy host registers, so that every
// file it compiles (and type-checks) is written to TS_NODE_LOG.
const PROBE = `
  const Module = require('module');
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    const loaded = load.call(this, request, parent, isMain);
    if (/ts-node/.test(request) && typeof loaded.register === 'function' && !loaded.register.probed) {
      const register = loaded.register;
      loaded.register = Object.assign((options) => {
        const service = register(options);
        const compile = service.compile;
        service.compile = (code, fileName, ...rest) => {
          require('fs').appendFileSync(${JSON.stringify(TS_NODE_LOG)}, fileName + '\\n');
          return compile.call(service, code, fileName, ...rest);
        };
        return service;
      }, { probed: true });
    }
    return loaded;
  };`;

beforeAll(async () => {
  const probe = path.join(work, 'probe.js');
  fs.writeFileSync(probe, PROBE);
  // The engine passes its own address first; the pack only serves, so any address will do.
  const host = require.resolve('@pulumi/pulumi/cmd/run-policy-pack');
  pack = spawn(process.execPath, ['--require', probe, host, '127.0.0.1:1', '.'], {
    cwd: path.join(ROOT, 'policy'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    let out = '';
    pack.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^(\d+)\s/.exec(out);
      if (match) {
        resolve(match[1]);
      }
    });
    let err = '';
    pack.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    pack.on('exit', (code) => reject(new Error(`the policy pack exited with ${code} before serving:\n${err}`)));
  });
  client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 120000);

afterAll(() => {
  client?.close();
  pack?.kill();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the policy host registered ts-node, and ts-node compiled (type-checked) nothing: the cached transpiler loaded the pack', () => {
  expect(fs.existsSync(TS_NODE_LOG) ? fs.readFileSync(TS_NODE_LOG, 'utf8') : '').toBe('');
});

function analyze(
  type: string,
  name: string,
  props: Record<string, unknown>,
  protect = false,
): Promise<Array<[string, string, EnforcementLevel]>> {
  const request = new AnalyzeRequest();
  request.setType(type);
  request.setName(name);
  request.setUrn(`urn:pulumi:prod::platform::${type}::${name}`);
  request.setProperties(Struct.fromJavaScript(props as Record<string, never>));
  request.setOptions(new AnalyzerResourceOptions().setProtect(protect));
  return new Promise((resolve, reject) =>
    client.analyze(request, (err: grpc.ServiceError | null, response: AnalyzeResponse) =>
      err ? reject(err) : resolve(response.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getMessage(), d.getEnforcementlevel()])),
    ),
  );
}

test('the pack serves the rules: a PayBySpec CLB is a mandatory violation, with its fix', async () => {
  const found = await analyze('alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer', 'api', {
    instanceChargeType: 'PayBySpec',
    deleteProtection: 'on',
    modificationProtectionStatus: 'ConsoleProtection',
  });
  // The server puts the policy's description (with its references) above each message.
  expect(found).toEqual([
    [
      'slb-pay-by-lcu',
      'CLBs are pay-by-LCU: pay-by-specification CLBs can no longer be created, so such a program fails on a real account. ' +
        '(platform: Alibaba Cloud help doc 127268 (pay-by-specification CLB discontinued))\n' +
        `instanceChargeType is "PayBySpec". Fix: set instanceChargeType: 'PayByCLCU' and remove loadBalancerSpec`,
      EnforcementLevel.MANDATORY,
    ],
  ]);
});

test('workloads inside a ConfigGroup are checked, and advisory rules report as advisory', async () => {
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'apps' },
    spec: {
      template: {
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'web',
              image: 'nginx:1.27.2',
              readinessProbe: { tcpSocket: { port: 80 } },
              livenessProbe: { tcpSocket: { port: 80 } },
              resources: {
                requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' },
                limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' },
              },
              securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            },
          ],
        },
      },
    },
  };
  const found = await analyze('kubernetes:yaml/v2:ConfigGroup', 'apps', { objs: [deployment] });
  expect(found).toEqual([
    [
      'k8s-read-only-root-filesystem',
      expect.stringMatching(/\nDeployment apps\/web: container web has a writable root file system\. Fix: /),
      EnforcementLevel.ADVISORY,
    ],
  ]);
});

test('a compliant protected NAS file system passes', async () => {
  expect(await analyze('alicloud:nas/fileSystem:FileSystem', 'data', { encryptType: 1 }, true)).toEqual([]);
});

/** How the engine sends a value not known until the update (Pulumi's wire sentinel for an unknown string). */
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

test('during a preview, a rule decided by known values never reads the unknown ones', async () => {
  const rule = { type: 'ingress', ipProtocol: 'tcp', portRange: '22/22', policy: 'accept', securityGroupId: UNKNOWN };
  expect(
    await analyze('alicloud:ecs/securityGroupRule:SecurityGroupRule', 'ssh', {
      ...rule,
      cidrIp: '10.20.0.5/32',
      sourceSecurityGroupId: UNKNOWN,
    }),
  ).toEqual([]);
  // With the source itself unknown, CrossGuard reports that it could not decide, as advisory.
  const undecided = await analyze('alicloud:ecs/securityGroupRule:SecurityGroupRule', 'ssh', { ...rule, cidrIp: UNKNOWN });
  expect(undecided.length).toBeGreaterThan(0);
  expect(undecided.every(([, message, level]) => message.includes("can't run policy 'sg-") && level === EnforcementLevel.ADVISORY)).toBe(
    true,
  );
});
