import { emailDomain, normalizeDomains, ssoRefusal } from './sso-policy';

describe('normalizeDomains', () => {
  it('lower-cases, trims, drops a leading @ and duplicates, and sets the invalid apart', () => {
    expect(normalizeDomains([' Acme.COM ', '@acme.com', 'eu.acme.com', 'not a domain', 'localhost', 'x@y.com', ''])).toEqual({
      domains: ['acme.com', 'eu.acme.com'],
      invalid: ['not a domain', 'localhost', 'x@y.com', ''],
    });
  });
});

describe('emailDomain', () => {
  it.each([
    ['ada@Acme.com', 'acme.com'],
    ['ada@eu.acme.com', 'eu.acme.com'],
    ['ada@acme', null],
    ['a@b@acme.com', null],
    ['@acme.com', null],
    ['ada', null],
  ])('%s → %s', (email, domain) => expect(emailDomain(email)).toBe(domain));
});

describe('ssoRefusal', () => {
  const allowed = ['acme.com'];
  it.each([
    [{ email: 'ada@acme.com', email_verified: true }, null],
    [{ email: 'ada@ACME.com', email_verified: 'true' }, null],
    [{ email: 'ada@acme.com', email_verified: false }, 'sso_email_unverified'],
    [{ email: 'ada@acme.com' }, 'sso_email_unverified'],
    [{ email: 'ada@acme.com', email_verified: 'yes' }, 'sso_email_unverified'],
    [{ email: 'ada@eu.acme.com', email_verified: true }, 'sso_domain_not_allowed'],
    [{ email: 'ada@evil.test', email_verified: true }, 'sso_domain_not_allowed'],
    [{ email: 'ada@acme.com.evil.test', email_verified: true }, 'sso_domain_not_allowed'],
    [{ email_verified: true }, 'sso_email_missing'],
    [{ email: 42, email_verified: true }, 'sso_email_missing'],
  ])('%j → %s', (claims, refusal) => expect(ssoRefusal(claims, allowed)).toBe(refusal));
});
