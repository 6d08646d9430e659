/**
 * When to read the admin kubeconfig from the cluster again. kubeadm issues its client certificate
 * for one year; KubeKey's `k8s-certs-renew` timer (installed with `autoRenewCerts`, on by default)
 * runs every Monday and, once fewer than 30 days remain, renews every kubeadm certificate and copies
 * the new admin.conf to /root/.kube/config (KubeKey v3.1 `pkg/certs/templates`). The copy Pulumi
 * keeps must follow, or the stack's provider stops working a year after the install.
 */
import { X509Certificate } from 'crypto';
import { parse } from 'yaml';

/**
 * Re-read the kubeconfig once its certificate has fewer than this many days left. KubeKey has
 * renewed it on the host by then (it renews below 30 days, checking weekly, so by 23 days at the latest).
 */
export const DEFAULT_KUBECONFIG_REFRESH_DAYS = 21;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The earliest expiry of the client certificates embedded in a kubeconfig, or undefined when it embeds none. */
export function clientCertificateExpiry(kubeconfig: string): Date | undefined {
  let doc: unknown;
  try {
    doc = parse(kubeconfig);
  } catch {
    return undefined;
  }
  const users = (doc as { users?: Array<{ user?: Record<string, unknown> }> } | null)?.users ?? [];
  const expiries = users
    .map((u) => u.user?.['client-certificate-data'])
    .filter((data): data is string => typeof data === 'string')
    .flatMap((data) => {
      try {
        return [new Date(new X509Certificate(Buffer.from(data, 'base64')).validTo)];
      } catch {
        return [];
      }
    });
  return expiries.length === 0 ? undefined : new Date(Math.min(...expiries.map((d) => d.getTime())));
}

/** The refresh trigger of the read step, and what to tell the user. */
export interface KubeconfigRefresh {
  /**
   * Changes when the read step must run again: the first time a certificate is known, and when the
   * known one enters the refresh window. Stable in between, so `pulumi up` has nothing to do.
   */
  readonly trigger: string;
  /** Set when the certificate is inside the refresh window. */
  readonly warning?: string;
}

/**
 * Derives the read step's trigger from the kubeconfig read last time (this stack's previous
 * output) and the current time: a value for "certificate valid until X", which flips to
 * "refresh before X" once fewer than `refreshDays` remain, so that `pulumi up` reads the renewed
 * kubeconfig. The new certificate then gives a new "valid until" value (one more, harmless read).
 * @param previous - the kubeconfig read last time, or undefined (first install, offline run)
 */
export function kubeconfigRefresh(previous: string | undefined, now: Date, refreshDays: number): KubeconfigRefresh {
  const expiry = previous === undefined ? undefined : clientCertificateExpiry(previous);
  if (expiry === undefined) {
    return { trigger: 'no-certificate-known' };
  }
  const daysLeft = Math.floor((expiry.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft >= refreshDays) {
    return { trigger: `valid-until:${expiry.toISOString()}` };
  }
  return {
    trigger: `refresh-before:${expiry.toISOString()}`,
    warning:
      `the admin kubeconfig's certificate expires on ${expiry.toISOString()} (${daysLeft} days left): it is read again from the cluster now. ` +
      'KubeKey renews it on the host when fewer than 30 days remain (kubernetes.autoRenewCerts); if the new read shows the same date, renew ' +
      "with 'kk certs renew -f <document>' on the first control-plane node (or start k8s-certs-renew.service on each), then run 'pulumi up' again",
  };
}
