import { isAllowedAddress, parseAllowList, resolveWebhookTarget, WebhookTargetError } from './webhook-target';

const open = { allowed: [], requireHttps: false };

describe('webhook destinations', () => {
  it.each([
    ['127.0.0.1', false, 'loopback'],
    ['127.8.9.10', false, 'loopback'],
    ['10.1.2.3', false, 'RFC 1918'],
    ['172.16.5.4', false, 'RFC 1918'],
    ['192.168.1.1', false, 'RFC 1918'],
    ['169.254.169.254', false, 'link-local (cloud metadata)'],
    ['100.64.0.1', false, 'CGNAT'],
    ['0.0.0.0', false, 'unspecified'],
    ['224.0.0.1', false, 'multicast'],
    ['255.255.255.255', false, 'broadcast'],
    ['::1', false, 'IPv6 loopback'],
    ['::', false, 'IPv6 unspecified'],
    ['fe80::1', false, 'IPv6 link-local'],
    ['fc00::1', false, 'unique-local'],
    ['fd12:3456::1', false, 'unique-local'],
    ['ff02::1', false, 'IPv6 multicast'],
    ['::ffff:127.0.0.1', false, 'IPv4-mapped loopback'],
    ['::ffff:169.254.169.254', false, 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', false, 'IPv4-mapped private'],
    ['64:ff9b::7f00:1', false, 'NAT64 of loopback'],
    ['::7f00:1', false, 'IPv4-compatible loopback ([::127.0.0.1] as the URL parser writes it)'],
    ['::a9fe:a9fe', false, 'IPv4-compatible metadata'],
    ['::a00:1', false, 'IPv4-compatible private'],
    ['::5db8:d70e', false, 'IPv4-compatible, even of a public address (deprecated, reserved)'],
    ['93.184.215.14', true, 'public IPv4'],
    ['2606:4700:4700::1111', true, 'public IPv6'],
    ['not-an-ip', false, 'garbage'],
  ])('%s allowed: %s (%s)', (address, allowed) => expect(isAllowedAddress(address)).toBe(allowed));

  it('the allow-list admits exactly its addresses and CIDRs', () => {
    const allowed = parseAllowList('127.0.0.1, 10.0.0.0/8, ::1');
    expect(isAllowedAddress('127.0.0.1', allowed)).toBe(true);
    expect(isAllowedAddress('::ffff:127.0.0.1', allowed)).toBe(true);
    expect(isAllowedAddress('127.0.0.2', allowed)).toBe(false);
    expect(isAllowedAddress('10.200.1.1', allowed)).toBe(true);
    expect(isAllowedAddress('11.0.0.1', allowed)).toBe(true); // public anyway
    expect(isAllowedAddress('::1', allowed)).toBe(true);
    expect(isAllowedAddress('192.168.0.1', allowed)).toBe(false);
    expect(() => parseAllowList('example.com')).toThrow();
  });

  const problem = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: WebhookTargetError) => e.problem,
    );

  it('refuses a name when ANY of its addresses is not public (a DNS answer mixing public and private)', async () => {
    const resolver = async () => [
      { address: '93.184.215.14', family: 4 as const },
      { address: '127.0.0.1', family: 4 as const },
    ];
    expect(await problem(resolveWebhookTarget('https://mixed.example/hook', open, resolver))).toBe('forbidden_address');
    expect(await problem(resolveWebhookTarget('https://public.example/hook', open, async () => [{ address: '93.184.215.14', family: 4 }]))).toBe(
      'ok',
    );
    expect(await problem(resolveWebhookTarget('https://nowhere.example/hook', open, async () => []))).toBe('unresolvable');
  });

  it.each([
    ['http://127.0.0.1:9/hook', 'forbidden_address'],
    ['http://[::1]/hook', 'forbidden_address'],
    ['http://[::ffff:7f00:1]/hook', 'forbidden_address'],
    ['http://0.0.0.0/hook', 'forbidden_address'],
    ['http://169.254.169.254/latest/meta-data', 'forbidden_address'],
    ['http://2130706433/hook', 'forbidden_address'], // 127.0.0.1 as one number (WHATWG URL normalises it)
    ['ftp://93.184.215.14/x', 'invalid_url'],
    ['https://user:pw@93.184.215.14/x', 'invalid_url'],
    ['http://93.184.215.14/hook', 'ok'],
  ])('%s → %s', async (url, expected) => {
    expect(await problem(resolveWebhookTarget(url, open, async () => []))).toBe(expected);
  });

  it('production requires https', async () => {
    expect(await problem(resolveWebhookTarget('http://93.184.215.14/hook', { allowed: [], requireHttps: true }))).toBe('https_required');
    expect(await problem(resolveWebhookTarget('https://93.184.215.14/hook', { allowed: [], requireHttps: true }))).toBe('ok');
  });
});
