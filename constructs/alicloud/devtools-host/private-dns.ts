/**
 * Pure planning of the dev-tools host's in-VPC DNS: which PrivateZone zones make the GitLab and
 * Mantis host names resolve to the host's private address inside the VPC.
 */

/** TTL of the A records (PrivateZone's default): short, so a moved host is picked up quickly. */
export const PRIVATE_DNS_TTL = 60;

/** One PrivateZone zone, answered by one apex A record. */
export interface PrivateDnsZonePlan {
  /** The zone: exactly the host name, for example `git.example.com`. */
  readonly zoneName: string;
  /** The URL props served under this host, for example `['gitlabUrl']`. */
  readonly servedFor: readonly string[];
}

/** The host name of an `https://` URL, or undefined when it is not one (the URL checks report it). */
function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.hostname.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One zone per distinct host name of the URLs, in the order given. A zone for the exact host,
 * not its parent domain: a private zone answers for every name under it, so a zone for
 * `example.com` would hide every other `*.example.com` name (the CDN site, the registry) from
 * the VPC.
 */
export function planPrivateDnsZones(urls: Readonly<Record<string, string>>): PrivateDnsZonePlan[] {
  const byHost = new Map<string, string[]>();
  for (const [key, url] of Object.entries(urls)) {
    const host = hostOf(url);
    if (host !== undefined) {
      byHost.set(host, [...(byHost.get(host) ?? []), key]);
    }
  }
  return [...byHost.entries()].map(([zoneName, servedFor]) => ({ zoneName, servedFor }));
}
