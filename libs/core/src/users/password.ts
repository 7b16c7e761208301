import * as argon2 from 'argon2';
import { validateEnvironment } from '@hireloop/config';
import { RateLimitedError } from '../common/rate-limited.error';
import { HashGate, HashGateFull } from './hash-gate';

// A fixed hash to verify against when the user does not exist, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
let gate: HashGate | undefined;
let hashOptions: argon2.HashOptions | undefined;

/** Every argon2 call of the process goes through one gate: PASSWORD_HASH_CONCURRENCY at once, PASSWORD_HASH_QUEUE waiting. */
export function passwordHashGate(): HashGate {
  if (!gate) {
    const env = validateEnvironment(process.env as Record<string, unknown>);
    gate = new HashGate(env.PASSWORD_HASH_CONCURRENCY, env.PASSWORD_HASH_QUEUE);
  }
  return gate;
}

/** argon2id with the configured cost (PASSWORD_HASH_MEMORY_KIB, PASSWORD_HASH_TIME_COST). */
function newHashOptions(): argon2.HashOptions {
  if (!hashOptions) {
    const env = validateEnvironment(process.env as Record<string, unknown>);
    hashOptions = { type: argon2.argon2id, memoryCost: env.PASSWORD_HASH_MEMORY_KIB, timeCost: env.PASSWORD_HASH_TIME_COST };
  }
  return hashOptions;
}

async function gated<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await passwordHashGate().run(task);
  } catch (error) {
    if (error instanceof HashGateFull) throw new RateLimitedError(503, 1, 'busy', 'The service is busy checking passwords; try again in a moment.');
    throw error;
  }
}

export function hashPassword(password: string): Promise<string> {
  return gated(() => argon2.hash(password, newHashOptions()));
}

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash('not-a-real-password-0000', newHashOptions());
    const fixed = await dummyHash;
    await gated(() => argon2.verify(fixed, password).catch(() => false));
    return false;
  }
  return gated(() => argon2.verify(hash, password).catch(() => false));
}
