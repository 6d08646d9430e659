import {
  checkKubernetesVersion,
  DEFAULT_KUBEKEY_VERSION,
  DEFAULT_KUBERNETES_VERSION,
  KUBEKEY_KUBERNETES_MINORS,
  KUBESPHERE_KUBERNETES_MINORS,
  KUBESPHERE_VERSION,
  parseKubernetesVersion,
} from '../../../constructs/kubekey';

describe('version pins', () => {
  test('pins KubeKey v3.1.12, KubeSphere v3.4.1 and Kubernetes v1.26.15', () => {
    expect(DEFAULT_KUBEKEY_VERSION).toBe('v3.1.12');
    expect(KUBESPHERE_VERSION).toBe('v3.4.1');
    expect(DEFAULT_KUBERNETES_VERSION).toBe('v1.26.15');
  });

  test('KubeKey installs v1.19 to v1.33; KubeSphere 3.4.1 supports v1.21 to v1.26', () => {
    expect(KUBEKEY_KUBERNETES_MINORS[0]).toBe('v1.19');
    expect(KUBEKEY_KUBERNETES_MINORS[KUBEKEY_KUBERNETES_MINORS.length - 1]).toBe('v1.33');
    expect(KUBEKEY_KUBERNETES_MINORS).toHaveLength(15);
    expect(KUBESPHERE_KUBERNETES_MINORS).toEqual(['v1.21', 'v1.22', 'v1.23', 'v1.24', 'v1.25', 'v1.26']);
    expect(KUBESPHERE_KUBERNETES_MINORS.every((m) => KUBEKEY_KUBERNETES_MINORS.includes(m))).toBe(true);
  });

  test('the default version passes its own check', () => {
    expect(checkKubernetesVersion(DEFAULT_KUBERNETES_VERSION, false)).toEqual({ errors: [], warnings: [] });
  });
});

describe('parseKubernetesVersion', () => {
  test.each([
    ['v1.26.15', { major: 1, minor: 26, patch: 15 }],
    ['v1.33.0', { major: 1, minor: 33, patch: 0 }],
    ['1.26.15', undefined],
    ['v1.26', undefined],
    ['v1.27.4-k3s', undefined],
    ['', undefined],
  ])('%s', (text, expected) => {
    expect(parseKubernetesVersion(text)).toEqual(expected);
  });
});

describe('checkKubernetesVersion', () => {
  test.each(['v1.21.0', 'v1.24.17', 'v1.26.0', 'v1.26.12', 'v1.26.15'])('%s is accepted without a warning', (version) => {
    expect(checkKubernetesVersion(version, false)).toEqual({ errors: [], warnings: [] });
  });

  test.each([
    ['v1.29.3', false],
    ['v1.27.16', false],
    ['v1.20.10', false],
  ])('%s is refused without acknowledgement', (version, allow) => {
    const result = checkKubernetesVersion(version, allow);
    expect(result.warnings).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('KubeSphere v3.4.1 supports Kubernetes v1.21–v1.26 only');
    expect(result.errors[0]).toContain('allowUnsupportedVersion');
  });

  test('v1.29 is accepted with a warning when acknowledged', () => {
    const result = checkKubernetesVersion('v1.29.3', true);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('v1.29.3');
    expect(result.warnings[0]).toContain('supports Kubernetes v1.21–v1.26 only');
    expect(result.warnings[0]).toContain('outside its documented matrix');
    expect(result.warnings[0]).toContain('1.27');
  });

  test.each([
    ['v1.18.20', 'cannot be installed by KubeKey v3.1.12'],
    ['v1.40.0', 'cannot be installed by KubeKey v3.1.12'],
    ['v2.0.0', 'cannot be installed by KubeKey v3.1.12'],
    ['1.26.15', 'is not a Kubernetes version'],
    ['v1.26', 'is not a Kubernetes version'],
    ['latest', 'is not a Kubernetes version'],
  ])('%s is refused even when acknowledged', (version, message) => {
    for (const allow of [false, true]) {
      const result = checkKubernetesVersion(version, allow);
      expect(result.warnings).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toContain(message);
    }
  });
});
