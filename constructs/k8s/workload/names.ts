import { Validator } from '../../core';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Leaves room for suffixes such as `-headless` and StatefulSet ordinals. */
const MAX_NAME_LENGTH = 52;

/** Reports a name that cannot be used as a Service / workload name (DNS-1035 label, short enough for suffixes). */
export function checkName(v: Validator, key: string, name: string): void {
  if (!DNS_LABEL.test(name) || name.length > MAX_NAME_LENGTH) {
    v.add(
      key,
      name,
      `must be a DNS-1035 label (lowercase letters, digits, '-', starting with a letter) of at most ${MAX_NAME_LENGTH} characters`,
    );
  }
}

/** Reports a name that is not a DNS-1123 subdomain (Secret, ConfigMap and StorageClass names). */
export function checkObjectName(v: Validator, key: string, name: string): void {
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) {
    v.add(key, name, 'must be a DNS-1123 subdomain (lowercase letters, digits, - and .)');
  }
}

/** Reports a count that is not an integer within `[min, max]`. */
export function checkCount(v: Validator, key: string, value: number, min: number, max: number = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    v.add(key, value, `must be an integer ${range}`);
  }
}

/** Reports a TCP/UDP port out of range. */
export function checkPort(v: Validator, key: string, port: number): void {
  checkCount(v, key, port, 1, 65535);
}
