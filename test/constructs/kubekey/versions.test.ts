import {
  checkKubernetesVersion,
  checkUpgrade,
  kubeKeyArchiveName,
  kubeKeyReleaseUrl,
  DEFAULT_KUBERNETES_VERSION,
  KUBEKEY_KUBERNETES_MINORS,
  KUBEKEY_VERSION,
  KUBESPHERE_KUBERNETES_MINORS,
  KUBESPHERE_VERSION,
  parseKubernetesVersion,
} from '../../../constructs/kubekey';

describe('version pins', () => {
  test('pins KubeKey v3.1.12, KubeSphere v3.4.1 and Kubernetes v1.26.15', () => {
    expect(KUBEKEY_VERSION).toBe('v3.1.12');
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

test('the KubeKey tarball comes from the GitHub release of the pinned version by default', () => {
  expect(kubeKeyReleaseUrl(KUBEKEY_VERSION)).toBe(
    'https://github.com/kubesphere/kubekey/releases/download/v3.1.12/kubekey-v3.1.12-linux-amd64.tar.gz',
  );
});

describe('checkUpgrade', () => {
  const ks = 'v3.4.1';
  const unsupported =
    'is not supported: KubeSphere v3.4.1 supports Kubernetes v1.21–v1.26 only; v1.27 is outside its documented matrix (KubeKey ks_installer.go and the KubeSphere v3.4 docs), ' +
    'and ks-installer failures have been reported on v1.27 (kubesphere/kubesphere#5876, #5897). Set kubernetes.allowUnsupportedVersion to accept the risk';
  test.each<[string, string, string, boolean, string[]]>([
    ['a patch', 'v1.26.5', 'v1.26.15', false, []],
    ['one minor', 'v1.25.16', 'v1.26.15', false, []],
    [
      'two minors',
      'v1.24.17',
      'v1.26.15',
      false,
      ['skips a minor from the installed v1.24.17; upgrade one minor per change (v1.25 next), testing and backing up etcd between steps'],
    ],
    [
      'a downgrade',
      'v1.26.15',
      'v1.25.16',
      false,
      ['is older than the installed v1.26.15; Kubernetes cannot be downgraded (kubeadm upgrades only)'],
    ],
    ['out of the KubeSphere matrix', 'v1.26.15', 'v1.27.16', false, [unsupported]],
    ['out of the matrix, acknowledged', 'v1.26.15', 'v1.27.16', true, []],
  ])('%s: %s → %s', (_name, from, to, allow, errors) => {
    expect(checkUpgrade({ kubernetes: from, kubesphere: ks }, { kubernetes: to, kubesphere: ks }, allow).errors).toEqual(errors);
  });

  test('KubeSphere never goes back, and is never removed', () => {
    expect(
      checkUpgrade({ kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' }, { kubernetes: 'v1.26.15', kubesphere: 'v3.3.2' }, false).errors,
    ).toEqual(['goes back from KubeSphere v3.4.1 to v3.3.2; KubeSphere cannot be downgraded']);
    expect(checkUpgrade({ kubernetes: 'v1.26.15', kubesphere: 'v3.4.1' }, { kubernetes: 'v1.26.15' }, false).errors).toEqual([
      'removes KubeSphere v3.4.1; kk upgrade cannot uninstall it',
    ]);
  });

  test('an acknowledged unsupported target keeps its warning', () => {
    expect(checkUpgrade({ kubernetes: 'v1.26.15', kubesphere: ks }, { kubernetes: 'v1.27.16', kubesphere: ks }, true).warnings).toEqual([
      expect.stringMatching(/^Kubernetes v1.27.16 is installable but unsupported: KubeSphere v3.4.1 supports/),
    ]);
  });
});

test('one KubeKey release: the version check names the release the installer downloads by default', () => {
  expect(checkKubernetesVersion('v1.18.20', false).errors).toEqual([
    `cannot be installed by KubeKey ${KUBEKEY_VERSION} (it installs v1.19–v1.33)`,
  ]);
  expect(kubeKeyArchiveName()).toBe(`kubekey-${KUBEKEY_VERSION}-linux-amd64.tar.gz`);
  expect(kubeKeyReleaseUrl()).toBe(
    `https://github.com/kubesphere/kubekey/releases/download/${KUBEKEY_VERSION}/kubekey-${KUBEKEY_VERSION}-linux-amd64.tar.gz`,
  );
});
