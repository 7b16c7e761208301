import { ConfigValidationError, OWASP_ARGON2ID_MIN, validateEnvironment } from './env.schema';

describe('password hash cost settings', () => {
  it('defaults to argon2id with 64 MiB and 3 passes', () => {
    expect(
      validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }),
    ).toMatchObject({
      PASSWORD_HASH_MEMORY_KIB: 65_536,
      PASSWORD_HASH_TIME_COST: 3,
    });
  });

  // OWASP Password Storage Cheat Sheet (argon2id): m=19456 (19 MiB), t=2, p=1 at least.
  it("accepts OWASP's minimum outside tests and refuses anything below it", () => {
    expect(OWASP_ARGON2ID_MIN).toEqual({ memoryKib: 19_456, timeCost: 2 });
    expect(validateEnvironment({ NODE_ENV: 'development', PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' })).toMatchObject({
      PASSWORD_HASH_MEMORY_KIB: 19_456,
      PASSWORD_HASH_TIME_COST: 2,
    });
    for (const cheap of [
      { PASSWORD_HASH_MEMORY_KIB: '19455' },
      { PASSWORD_HASH_TIME_COST: '1' },
      { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' },
    ]) {
      expect(() => validateEnvironment({ NODE_ENV: 'development', ...cheap })).toThrow(ConfigValidationError);
      expect(() => validateEnvironment({ NODE_ENV: 'development', ...cheap })).toThrow(/below OWASP's minimum for argon2id .*NODE_ENV=test only/);
    }
  });

  it('allows cheap hashes under NODE_ENV=test (the suite signs up thousands of users)', () => {
    expect(validateEnvironment({ NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' })).toMatchObject({
      PASSWORD_HASH_MEMORY_KIB: 1024,
      PASSWORD_HASH_TIME_COST: 1,
    });
  });

  it.each([
    ['PASSWORD_HASH_MEMORY_KIB', '63'],
    ['PASSWORD_HASH_MEMORY_KIB', 'lots'],
    ['PASSWORD_HASH_TIME_COST', '0'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => validateEnvironment({ NODE_ENV: 'test', [name]: value })).toThrow(new RegExp(`^  ${name} \\(got .+\\): ${name} must`, 'm'));
  });
});
