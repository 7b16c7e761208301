import { newDataKey, open, openJson, parseMasterKey, seal, sealJson, splitFields } from './personal-data-cipher';

describe('personal data cipher (AES-256-GCM)', () => {
  const key = newDataKey();

  it('opens what it sealed, with the same additional data', () => {
    const sealed = sealJson(key, { evidence: 'wrote a clean LRU' }, 'org:cand');
    expect(sealed.toString('utf8')).not.toContain('LRU');
    expect(openJson(key, sealed, 'org:cand')).toEqual({ evidence: 'wrote a clean LRU' });
  });

  it.each([
    ['another key', (s: Buffer) => open(newDataKey(), s, 'a')],
    ['other additional data', (s: Buffer) => open(key, s, 'b')],
    ['a flipped byte', (s: Buffer) => open(key, Buffer.concat([s.subarray(0, s.length - 1), Buffer.from([s[s.length - 1] ^ 1])]), 'a')],
    ['a truncated value', (s: Buffer) => open(key, s.subarray(0, 10), 'a')],
  ])('refuses %s', (_name, attempt) => {
    const sealed = seal(key, Buffer.from('secret'), 'a');
    expect(() => attempt(sealed)).toThrow();
  });

  it('never seals the same text to the same bytes (random IV)', () => {
    expect(seal(key, Buffer.from('x'), 'a').equals(seal(key, Buffer.from('x'), 'a'))).toBe(false);
  });

  it.each([
    [Buffer.alloc(32, 1).toString('base64'), 32],
    ['ab'.repeat(32), 32],
  ])('parses a master key %s', (text, length) => {
    expect(parseMasterKey(text)).toHaveLength(length);
  });

  it('refuses a short master key', () => {
    expect(() => parseMasterKey(Buffer.alloc(16).toString('base64'))).toThrow(/32 bytes/);
  });

  it.each([
    [{ status: 'submitted', privateNote: 'n', ratings: [] }, ['privateNote', 'ratings'], { status: 'submitted' }, { privateNote: 'n', ratings: [] }],
    [{ status: 'draft' }, ['privateNote'], { status: 'draft' }, null],
    [null, ['privateNote'], null, null],
    [undefined, ['privateNote'], undefined, null],
  ])('splits %j by %j', (value, fields, clear, personal) => {
    expect(splitFields(value, fields)).toEqual({ clear, personal });
  });
});
