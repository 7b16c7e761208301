import { randomBytes } from 'node:crypto';
import { assertApiSecret, ConfigValidationError, isLoopbackHost, validateEnvironment } from './env.schema';

const PUBLISHED = 'hireloop-local-development-secret-change-me';
const RANDOM = 'x'.repeat(16) + 'a-random-secret-0123456789';
// Production also requires the data encryption key (row-level security branch): given, so only the secret is judged.
const DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64');

describe('JWT secret rules', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['example.com', false],
  ])('%s is loopback: %s', (host, loopback) => expect(isLoopbackHost(host)).toBe(loopback));

  it.each([
    ['no secret: the API refuses (no fallback any more)', {}, 'api'],
    ['the published value beyond loopback', { JWT_SECRET: PUBLISHED, HOST: '0.0.0.0' }, 'env'],
    ['the published value by default (HOST 0.0.0.0)', { JWT_SECRET: PUBLISHED }, 'env'],
    [
      'the published value in production on loopback',
      { JWT_SECRET: PUBLISHED, HOST: '127.0.0.1', NODE_ENV: 'production', DATA_ENCRYPTION_KEY },
      'env',
    ],
    ['a short secret', { JWT_SECRET: 'short' }, 'env'],
  ])('refuses %s', (_what, env, where) => {
    const run = () => assertApiSecret(validateEnvironment(env));
    expect(run).toThrow(ConfigValidationError);
    if (where === 'api') expect(() => validateEnvironment(env)).not.toThrow(); // the worker needs no secret
    try {
      run();
    } catch (error) {
      expect((error as Error).message).not.toContain(PUBLISHED);
    }
  });

  it.each([
    ['a random secret beyond loopback in production', { JWT_SECRET: RANDOM, HOST: '0.0.0.0', NODE_ENV: 'production', DATA_ENCRYPTION_KEY }],
    ['the published value on loopback in development', { JWT_SECRET: PUBLISHED, HOST: '127.0.0.1' }],
  ])('accepts %s', (_what, env) => {
    expect(() => assertApiSecret(validateEnvironment(env))).not.toThrow();
  });
});
