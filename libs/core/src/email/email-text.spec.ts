import { appLink, escapeHtml, hasControlCharacters, headerText, isDeliverableAddress } from './email-text';

describe('header-safe email text', () => {
  it.each([
    ['Ada Lovelace', 100, 'Ada Lovelace'],
    ['Eve\r\nBcc: victim@evil.test', 100, 'Eve Bcc: victim@evil.test'],
    ['Eve\nSubject: hi', 100, 'Eve Subject: hi'],
    ['tab\there\u0000nul\u007fdel\u2028sep', 100, 'tab here nul del sep'],
    ['  spaced   out  ', 100, 'spaced out'],
    ['x'.repeat(150), 100, 'x'.repeat(99) + '…'],
    ['😀'.repeat(120), 100, '😀'.repeat(99) + '…'],
    [null, 100, ''],
  ])('headerText(%j, %i) → %j', (input, max, expected) => {
    expect(headerText(input as string | null, max)).toBe(expected);
    expect(hasControlCharacters(headerText(input as string | null, max))).toBe(false);
  });

  it.each([
    ['ada@acme.test', true],
    ['first.last+tag@sub.example.co', true],
    ['a@b', false],
    ['no-at-sign', false],
    ['two@@example.test', false],
    ['a@example.test, b@example.test', false],
    ['a@example.test;b@example.test', false],
    ['eve@example.test\r\nBcc: x@evil.test', false],
    ['"quoted"@example.test', false],
    ['<a@example.test>', false],
    ['a@-bad.example', false],
    [`${'x'.repeat(65)}@example.test`, false],
    [`a@${'x'.repeat(250)}.test`, false],
  ])('isDeliverableAddress(%j) → %s', (address, ok) => {
    expect(isDeliverableAddress(address)).toBe(ok);
  });

  it('escapes markup and builds links with encoded query values', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(appLink('https://app.example.com/', '/accept-invite', { token: 'a+b/c=' })).toBe(
      'https://app.example.com/accept-invite?token=a%2Bb%2Fc%3D',
    );
    expect(appLink('https://example.com/hireloop', '/interviews/1')).toBe('https://example.com/hireloop/interviews/1');
  });
});
