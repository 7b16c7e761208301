import { validateEnvironment } from './env.schema';

describe('email settings', () => {
  it('defaults: no SMTP_URL (the development mailbox on 1025), links to this service, 10 attempts', () => {
    const config = validateEnvironment({ NODE_ENV: 'development', PORT: '3311' });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config).toMatchObject({
      DEV_MAILBOX_PORT: 1025,
      PUBLIC_APP_URL: 'http://localhost:3311',
      EMAIL_MAX_ATTEMPTS: 10,
      EMAIL_RETRY_DELAY_MS: 2000,
    });
    expect(config.MAIL_FROM).toBe('hireloop <no-reply@hireloop.localhost>');
  });

  it('keeps the development mailbox off under NODE_ENV=test unless its port is set', () => {
    expect(validateEnvironment({ NODE_ENV: 'test' }).DEV_MAILBOX_PORT).toBe(0);
    expect(validateEnvironment({ NODE_ENV: 'test', DEV_MAILBOX_PORT: '2525' }).DEV_MAILBOX_PORT).toBe(2525);
  });

  it.each([
    [{ SMTP_URL: 'http://smtp.example.com' }, /SMTP_URL \(got <hidden>\): SMTP_URL must be an smtp/],
    [{ SMTP_URL: 'smtp://user:secret pass@host' }, /SMTP_URL \(got <hidden>\)/],
    [{ MAIL_FROM: 'Eve <eve@example.test>\r\nBcc: x@evil.test' }, /MAIL_FROM/],
    [{ MAIL_FROM: 'not an address' }, /MAIL_FROM/],
    [{ PUBLIC_APP_URL: 'javascript:alert(1)' }, /PUBLIC_APP_URL/],
    [{ EMAIL_MAX_ATTEMPTS: '0' }, /EMAIL_MAX_ATTEMPTS/],
  ])('refuses %j at boot, naming the variable', (env, message) => {
    expect(() => validateEnvironment({ NODE_ENV: 'development', ...env })).toThrow(message);
  });

  it('never prints the SMTP password', () => {
    expect(() => validateEnvironment({ SMTP_URL: 'smtp://user:hunter2 x@host' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('accepts real settings', () => {
    expect(
      validateEnvironment({
        SMTP_URL: 'smtps://user:p%40ss@smtp.example.com:465',
        MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
        PUBLIC_APP_URL: 'https://hire.acme.example',
      }),
    ).toMatchObject({
      SMTP_URL: 'smtps://user:p%40ss@smtp.example.com:465',
      MAIL_FROM: 'Acme Hiring <hiring@acme.example>',
    });
  });
});
