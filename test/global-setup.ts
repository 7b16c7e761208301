import './setup-env';
import { resetDatabase } from './support/database';

/** Once per test run: a fresh database with every migration applied. */
export default async function globalSetup(): Promise<void> {
  const g = globalThis as { __hireloopDbReset?: boolean };
  if (g.__hireloopDbReset) return;
  await resetDatabase(process.env.DATABASE_URL!);
  g.__hireloopDbReset = true;
}
