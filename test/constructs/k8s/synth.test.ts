/** synthCharts: one resolve pass over a cdk8s app, the same YAML as cdk8s's own App.synth (constructs/k8s/synth.ts). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Cron, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthCharts } from '../../../constructs/k8s';

/** Four charts: a StatefulSet (its own object dependency), a nested chart, and dependencies across charts. */
function buildApp(outdir: string, onValidate: () => string[] = () => []): App {
  const app = new App({ outdir });
  const platform = new Chart(app, 'platform');
  const ns = new ApiObject(platform, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  const data = new Chart(app, 'data', { namespace: 'shop' });
  new kplus.StatefulSet(data, 'redis', { containers: [{ image: 'redis:7.2.4', portNumber: 6379 }] });
  const apps = new Chart(app, 'apps', { namespace: 'shop' });
  const orders = new kplus.Deployment(apps, 'orders', { containers: [{ image: 'orders:1.0.0', portNumber: 8080 }] });
  orders.exposeViaService();
  orders.node.addDependency(data);
  const config = new kplus.ConfigMap(apps, 'config', { data: { a: '1' } });
  config.node.addDependency(ns);
  // Made after the Deployment, applied before it: only resolving construct dependencies orders it first.
  orders.node.addDependency(config);
  const jobs = new Chart(apps, 'jobs');
  new kplus.CronJob(jobs, 'report', { containers: [{ image: 'report:1.0.0' }], schedule: Cron.daily() });
  platform.node.addValidation({ validate: onValidate });
  return app;
}

describe('synthCharts', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-synth-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("each chart's YAML is byte for byte what cdk8s's App.synth writes", () => {
    const reference = buildApp(dir);
    reference.synth();
    const written = fs.readdirSync(dir).sort();
    // Dependent charts: App.synth numbers the files in the order it writes them.
    expect(written).toEqual(['0000-apps-jobs-c8df52d6.k8s.yaml', '0001-data.k8s.yaml', '0002-platform.k8s.yaml', '0003-apps.k8s.yaml']);

    const app = buildApp(path.join(dir, 'unused'));
    const charts = app.node.findAll().filter(Chart.isChart);
    const rendered = synthCharts(app, charts);
    // app.charts: the order App.synth writes in, once the dependencies are resolved.
    const yaml = app.charts.map((c) => Yaml.stringify(...rendered[charts.indexOf(c)]));
    expect(yaml).toEqual(written.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(yaml[3]).toContain('kind: Deployment');
  });

  test('the app is resolved and validated once, not once per chart as Chart.toJson() does', () => {
    let perChart = 0;
    const viaToJson = buildApp(dir, () => (perChart++, []));
    viaToJson.charts.forEach((c) => c.toJson());
    expect(perChart).toBe(4);

    let once = 0;
    const app = buildApp(dir, () => (once++, []));
    synthCharts(app, app.charts);
    expect(once).toBe(1);
  });

  test("a failed validation is refused with cdk8s's message", () => {
    const app = buildApp(dir, () => ['needs a namespace']);
    expect(() => synthCharts(app, app.charts)).toThrow('Validation failed with the following errors:\n  [platform] needs a namespace');
  });
});
