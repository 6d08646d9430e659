import { ADMIN_CERT_DATA, ADMIN_CERT_EXPIRY, adminKubeconfig } from './fixtures';
import {
  DEFAULT_KUBECONFIG_REFRESH_DAYS,
  clientCertificateExpiry,
  kubeconfigRefresh,
} from '../../../../constructs/alicloud/kubesphere-cluster/kubeconfig-refresh';

const EXPIRY = ADMIN_CERT_EXPIRY;
const kubeconfig = adminKubeconfig;

const day = (iso: string) => new Date(iso);

test('reads the expiry of the client certificate embedded in a kubeconfig', () => {
  expect(clientCertificateExpiry(kubeconfig(ADMIN_CERT_DATA))?.toISOString()).toBe(EXPIRY);
  expect(clientCertificateExpiry(kubeconfig('bm90LWEtY2VydA=='))).toBeUndefined();
  expect(clientCertificateExpiry('a: [')).toBeUndefined();
});

test('refreshes three weeks before expiry by default: after KubeKey renews (below 30 days, weekly)', () => {
  expect(DEFAULT_KUBECONFIG_REFRESH_DAYS).toBe(21);
});

test.each<[string, string | undefined, string, string]>([
  ['nothing read yet', undefined, '2027-01-01T00:00:00Z', 'no-certificate-known'],
  ['a year to go', 'cert', '2026-12-08T00:00:00Z', `valid-until:${EXPIRY}`],
  ['22 days to go', 'cert', '2027-11-15T12:00:00Z', `valid-until:${EXPIRY}`],
  ['20 days to go', 'cert', '2027-11-17T12:00:00Z', `refresh-before:${EXPIRY}`],
  ['already expired', 'cert', '2028-01-01T00:00:00Z', `refresh-before:${EXPIRY}`],
])('%s: the read step trigger', (_name, previous, now, trigger) => {
  const refresh = kubeconfigRefresh(
    previous === undefined ? undefined : kubeconfig(ADMIN_CERT_DATA),
    day(now),
    DEFAULT_KUBECONFIG_REFRESH_DAYS,
  );
  expect(refresh.trigger).toBe(trigger);
  expect(refresh.warning === undefined).toBe(!trigger.startsWith('refresh-before'));
});

test('the trigger is stable while the certificate is valid: pulumi up has nothing to do', () => {
  const a = kubeconfigRefresh(kubeconfig(ADMIN_CERT_DATA), day('2027-03-01T00:00:00Z'), 21);
  const b = kubeconfigRefresh(kubeconfig(ADMIN_CERT_DATA), day('2027-09-01T00:00:00Z'), 21);
  expect(a).toEqual(b);
});

test('the warning says when it expires and how to renew by hand', () => {
  expect(kubeconfigRefresh(kubeconfig(ADMIN_CERT_DATA), day('2027-11-27T15:10:52Z'), 21).warning).toBe(
    "the admin kubeconfig's certificate expires on 2027-12-07T15:10:52.000Z (10 days left): it is read again from the cluster now. " +
      'KubeKey renews it on the host when fewer than 30 days remain (kubernetes.autoRenewCerts); if the new read shows the same date, renew ' +
      "with 'kk certs renew -f <document>' on the first control-plane node (or start k8s-certs-renew.service on each), then run 'pulumi up' again",
  );
});
