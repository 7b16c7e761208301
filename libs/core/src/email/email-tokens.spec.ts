import { preferencesLinkKey } from './email-preferences';
import { emailTokenKey, openEmailToken, sealEmailToken } from './email-tokens';

describe('email tokens sealed at rest', () => {
  const master = Buffer.alloc(32, 7);
  const key = emailTokenKey(master);
  const place = { template: 'password_reset', recipientEmail: 'ada@example.com' };
  const token = 'Zk3v1Q9mYl0c2pV7u5sX8wB4nR6tJ1eH';
  const params = { token: 'ignored-plain-value', expiresAt: '2026-12-03T12:00:00.000Z' };

  it('stores no trace of the token, and opens back to the params the template renders', () => {
    const stored = sealEmailToken(key, params, token, place);
    expect(stored).not.toHaveProperty('token');
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain('ignored-plain-value');
    expect(openEmailToken(key, stored, place)).toEqual({ token, expiresAt: params.expiresAt });
  });

  it('seals the same token differently each time (a fresh IV), so equal tokens are not visible as equal', () => {
    expect(sealEmailToken(key, {}, token, place).sealedToken).not.toEqual(sealEmailToken(key, {}, token, place).sealedToken);
  });

  it('does not open under another key, on another delivery, or altered', () => {
    const stored = sealEmailToken(key, params, token, place);
    expect(() => openEmailToken(emailTokenKey(Buffer.alloc(32, 8)), stored, place)).toThrow(/does not open/);
    expect(() => openEmailToken(key, stored, { ...place, recipientEmail: 'mallory@example.com' })).toThrow(/does not open/);
    expect(() => openEmailToken(key, stored, { ...place, template: 'invitation' })).toThrow(/does not open/);
    const sealed = Buffer.from(stored.sealedToken as string, 'base64');
    sealed[sealed.length - 1] ^= 1;
    expect(() => openEmailToken(key, { ...stored, sealedToken: sealed.toString('base64') }, place)).toThrow(/does not open/);
    expect(() => openEmailToken(key, { sealedToken: 42 }, place)).toThrow(/not a string/);
  });

  it('passes params without a sealed token unchanged (mails without one, and those stored before sealing)', () => {
    const interview = { interviewId: 'i-1', startsAt: '2026-12-04T09:00:00Z' };
    expect(openEmailToken(key, interview, place)).toBe(interview);
    expect(openEmailToken(key, { token }, place)).toEqual({ token });
  });

  it('derives its key from the master key without being it, and apart from the preferences-link key', () => {
    expect(key.equals(master)).toBe(false);
    expect(key.equals(preferencesLinkKey(master))).toBe(false);
    expect(key).toEqual(emailTokenKey(Buffer.alloc(32, 7)));
  });
});
