import { redactUrlSecrets } from './url-secrets';

describe('redactUrlSecrets', () => {
  it('replaces the capability token of a self-identification link, a calendar feed and the email preferences page', () => {
    expect(redactUrlSecrets('/v1/self-identification/abc123?x=1')).toBe('/v1/self-identification/[redacted]?x=1');
    expect(redactUrlSecrets('/v1/calendar-feeds/tok.ics')).toBe('/v1/calendar-feeds/[redacted]');
    expect(redactUrlSecrets('/v1/email-preferences/3f1c2b9e-8a41-4c1e-9f0a-1b2c3d4e5f60.bWFj/unsubscribe?category=decisionNotices')).toBe(
      '/v1/email-preferences/[redacted]/unsubscribe?category=decisionNotices',
    );
  });

  it('replaces the code, state and token query parameters, wherever they stand', () => {
    expect(redactUrlSecrets('/v1/auth/sso/9b1d/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj')).toBe(
      '/v1/auth/sso/9b1d/callback?code=[redacted]&state=[redacted]',
    );
    expect(redactUrlSecrets('/settings/notifications?lang=en&token=u.mac#top')).toBe('/settings/notifications?lang=en&token=[redacted]#top');
  });

  it('leaves everything else as it is', () => {
    for (const url of [
      '/v1/applications/123/self-identification',
      '/v1/applications/123/self-identification-link',
      '/v1/me/email-preferences',
      '/v1/applications?roleId=1&q=codex',
      '/v1/candidates?q=state',
    ])
      expect(redactUrlSecrets(url)).toBe(url);
  });
});
