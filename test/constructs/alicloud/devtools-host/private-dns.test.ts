import { planPrivateDnsZones } from '../../../../constructs/alicloud/devtools-host/private-dns';

describe('planPrivateDnsZones', () => {
  test.each<[string, Record<string, string>, Array<[string, string[]]>]>([
    [
      'one zone per host, never the parent domain',
      { gitlabUrl: 'https://git.iot.example.com', mantisUrl: 'https://bugs.iot.example.com/' },
      [
        ['git.iot.example.com', ['gitlabUrl']],
        ['bugs.iot.example.com', ['mantisUrl']],
      ],
    ],
    [
      'one zone for a shared host, lower-cased',
      { gitlabUrl: 'https://Tools.Example.com', mantisUrl: 'https://tools.example.com' },
      [['tools.example.com', ['gitlabUrl', 'mantisUrl']]],
    ],
    ['a malformed or plain-HTTP URL is left to the URL checks', { gitlabUrl: 'git', mantisUrl: 'http://bugs.example.com' }, []],
  ])('%s', (_title, urls, expected) => {
    expect(planPrivateDnsZones(urls).map((z) => [z.zoneName, z.servedFor])).toEqual(expected);
  });
});
