import {
  cidrContains,
  cidrContainsIp,
  cidrSize,
  cidrsOverlap,
  formatCidr,
  formatIpv4,
  lastAddress,
  mustParseCidr,
  parseCidr,
  parseIpv4,
  planSubnets,
} from '../../../constructs/core/cidr';

describe('parseCidr', () => {
  test.each([
    ['10.0.0.0/16', { network: 0x0a000000, prefixLength: 16 }],
    ['192.168.1.0/24', { network: 0xc0a80100, prefixLength: 24 }],
    ['0.0.0.0/0', { network: 0, prefixLength: 0 }],
    ['255.255.255.255/32', { network: 0xffffffff, prefixLength: 32 }],
  ])('%s parses', (text, expected) => {
    expect(parseCidr(text)).toEqual(expected);
  });

  test.each([
    ['10.0.0/16', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['10.0.0.0', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['10.0.0.256/24', 'is not an IPv4 CIDR (each octet must be 0-255, without leading zeros)'],
    ['10.0.0.01/32', 'is not an IPv4 CIDR (each octet must be 0-255, without leading zeros)'],
    ['10.0.0.0/33', 'is not an IPv4 CIDR (prefix length must be 0-32)'],
    ['10.0.0.1/16', 'has host bits set (did you mean 10.0.0.0/16?)'],
    ['1.0.0.0/0', 'has host bits set (did you mean 0.0.0.0/0?)'],
    ['10.0.0.1/31', 'has host bits set (did you mean 10.0.0.0/31?)'],
    // Both ends are anchored: trailing or leading text is not ignored.
    ['10.0.0.0/163', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['x10.0.0.0/16', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['10.0.0.0/16 ', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
    ['1000.0.0.0/8', 'is not an IPv4 CIDR (expected a.b.c.d/n)'],
  ])('%s is refused: %s', (text, reason) => {
    expect(parseCidr(text)).toBe(reason);
  });

  test('mustParseCidr throws with the text', () => {
    expect(() => mustParseCidr('nope')).toThrow("'nope' is not an IPv4 CIDR");
  });
});

describe('IPv4 helpers', () => {
  test.each([
    ['10.20.0.5', 0x0a140005],
    ['255.255.255.255', 0xffffffff],
    ['1.2.3', undefined],
    ['1.2.3.999', undefined],
    ['0.0.0.0', 0],
    ['10.0.0.0', 0x0a000000],
    // Anchored at both ends, one to three digits an octet, no leading zeros.
    ['x1.2.3.4', undefined],
    ['1.2.3.4x', undefined],
    ['1.2.3.4/32', undefined],
    ['1.2.3.1000', undefined],
    ['1.2.3.04', undefined],
    ['01.2.3.4', undefined],
  ])('parseIpv4(%s)', (text, value) => {
    expect(parseIpv4(text)).toBe(value);
  });

  test('formatIpv4 round-trips', () => {
    expect(formatIpv4(0xc0a80a01)).toBe('192.168.10.1');
    expect(formatCidr(mustParseCidr('172.16.0.0/12'))).toBe('172.16.0.0/12');
  });

  test.each([
    ['10.0.0.0/16', '10.0.255.0/24', true],
    ['10.0.0.0/16', '10.1.0.0/24', false],
    ['10.0.0.0/24', '10.0.0.0/16', false],
  ])('cidrContains(%s, %s) = %s', (outer, inner, expected) => {
    expect(cidrContains(mustParseCidr(outer), mustParseCidr(inner))).toBe(expected);
  });

  test.each([
    ['10.233.64.0/18', '10.233.0.0/18', false],
    ['10.233.64.0/18', '10.233.100.0/24', true],
    ['10.0.0.0/8', '10.233.0.0/18', true],
    ['192.168.0.0/16', '10.0.0.0/8', false],
  ])('cidrsOverlap(%s, %s) = %s', (a, b, expected) => {
    expect(cidrsOverlap(mustParseCidr(a), mustParseCidr(b))).toBe(expected);
    expect(cidrsOverlap(mustParseCidr(b), mustParseCidr(a))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/16', '10.0.0.0/16', true],
    ['10.0.0.0/16', '10.0.255.255/32', true],
    ['10.0.0.0/16', '9.255.255.255/32', false],
    ['10.0.0.0/16', '10.1.0.0/32', false],
  ])('cidrContains at the edges (%s, %s) = %s', (outer, inner, expected) => {
    expect(cidrContains(mustParseCidr(outer), mustParseCidr(inner))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.0.0/24', '10.0.0.255/32', true],
    ['10.0.1.0/24', '10.0.0.255/32', false],
    ['10.0.1.0/24', '10.0.1.0/32', true],
  ])('cidrsOverlap at the edges (%s, %s) = %s', (a, b, expected) => {
    expect(cidrsOverlap(mustParseCidr(a), mustParseCidr(b))).toBe(expected);
    expect(cidrsOverlap(mustParseCidr(b), mustParseCidr(a))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/24', 256, '10.0.0.255'],
    ['10.0.0.7/32', 1, '10.0.0.7'],
    ['0.0.0.0/0', 2 ** 32, '255.255.255.255'],
  ])('%s holds %i addresses, the last %s', (text, size, last) => {
    const block = mustParseCidr(text);
    expect(cidrSize(block)).toBe(size);
    expect(formatIpv4(lastAddress(block))).toBe(last);
  });

  test('cidrContainsIp includes both ends', () => {
    const block = mustParseCidr('10.0.16.0/20');
    expect(cidrContainsIp(block, parseIpv4('10.0.16.0')!)).toBe(true);
    expect(cidrContainsIp(block, parseIpv4('10.0.31.255')!)).toBe(true);
    expect(cidrContainsIp(block, parseIpv4('10.0.32.0')!)).toBe(false);
    expect(cidrContainsIp(block, parseIpv4('10.0.15.255')!)).toBe(false);
  });
});

describe('planSubnets', () => {
  test.each([
    ['10.20.0.0/16', 2, 20, ['10.20.0.0/20', '10.20.16.0/20']],
    ['10.20.0.0/16', 3, 18, ['10.20.0.0/18', '10.20.64.0/18', '10.20.128.0/18']],
    ['192.168.0.0/24', 4, 26, ['192.168.0.0/26', '192.168.0.64/26', '192.168.0.128/26', '192.168.0.192/26']],
  ])('%s into %i x /%i', (parent, count, prefix, expected) => {
    expect(planSubnets(mustParseCidr(parent), count, prefix).map(formatCidr)).toEqual(expected);
  });

  test.each([
    ['192.168.0.0/24', 1, 24, ['192.168.0.0/24']],
    ['192.168.0.0/30', 4, 32, ['192.168.0.0/32', '192.168.0.1/32', '192.168.0.2/32', '192.168.0.3/32']],
  ])('%s into %i x /%i, at the size limits', (parent, count, prefix, expected) => {
    expect(planSubnets(mustParseCidr(parent), count, prefix).map(formatCidr)).toEqual(expected);
  });

  test('refuses a block smaller than an address', () => {
    expect(() => planSubnets(mustParseCidr('192.168.0.0/24'), 1, 33)).toThrow(
      'a /33 block cannot be carved from 192.168.0.0/24 (allowed: /24 to /32)',
    );
  });

  test('refuses more blocks than fit', () => {
    expect(() => planSubnets(mustParseCidr('192.168.0.0/24'), 5, 26)).toThrow(
      '192.168.0.0/24 holds only 4 blocks of /26, but 5 are needed',
    );
  });

  test('refuses a block larger than the parent', () => {
    expect(() => planSubnets(mustParseCidr('192.168.0.0/24'), 1, 20)).toThrow(
      'a /20 block cannot be carved from 192.168.0.0/24 (allowed: /24 to /32)',
    );
  });
});
