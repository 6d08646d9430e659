import { Testing } from 'cdk8s';
import { Validator } from '../../../constructs/core/validation';
import { checkImage } from '../../../constructs/k8s/workload/image';
import { parseCpuMillis, parseMemoryMiB } from '../../../constructs/k8s/workload/quantities';
import { PrometheusRule, ServiceMonitor } from './helpers';

describe('checkImage', () => {
  test.each([
    ['mysql:8.0.39', 0],
    ['registry.example.com:5000/team/app:1.2.3', 0],
    [`app@sha256:${'a'.repeat(64)}`, 0],
    ['mysql', 1],
    ['mysql:latest', 1],
    ['registry.example.com:5000/team/app', 1],
    ['app:', 1],
    ['', 1],
  ])('%s -> %i issue(s)', (image, count) => {
    const v = new Validator();
    checkImage(v, 'image', image);
    expect(v.issues).toHaveLength(count);
    if (count) expect(v.issues[0].key).toBe('image');
  });
});

describe('quantities', () => {
  test.each([
    ['250m', 250],
    ['1', 1000],
    ['1.5', 1500],
    ['2Gi', undefined],
  ])('parseCpuMillis(%s) = %s', (q, want) => expect(parseCpuMillis(q)).toBe(want));

  test.each([
    ['512Mi', 512],
    ['2Gi', 2048],
    ['1536Mi', 1536],
    ['1G', 953],
    ['1GB', undefined],
  ])('parseMemoryMiB(%s) = %s', (q, want) => expect(parseMemoryMiB(q)).toBe(want));
});

describe('monitoring.coreos.com/v1 bindings', () => {
  test('ServiceMonitor and PrometheusRule synthesize with their GVK and fields as given', () => {
    const chart = Testing.chart();
    new ServiceMonitor(chart, 'sm', {
      metadata: { name: 'app' },
      spec: { selector: { matchLabels: { app: 'x' } }, endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }] },
    });
    new PrometheusRule(chart, 'rule', {
      metadata: { name: 'app' },
      spec: { groups: [{ name: 'app', rules: [{ alert: 'Down', expr: 'up == 0', for: '5m', labels: { severity: 'critical' } }] }] },
    });
    const [sm, rule] = Testing.synth(chart);
    expect(sm).toMatchSnapshot();
    expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.kind).toBe('PrometheusRule');
    expect(rule.spec.groups[0].rules[0].for).toBe('5m');
  });
});
