import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Debian packages the multi-process tests run (pgbouncer, haproxy): found on the PATH or in /usr/sbin, installed
 * with apt-get when missing and this process is root. `null` (with the reason) when neither works: the test then
 * skips and says why.
 */
export interface ServiceBinary {
  path: string | null;
  reason: string;
}

const cache = new Map<string, ServiceBinary>();

export function serviceBinary(command: string, debianPackage = command): ServiceBinary {
  const known = cache.get(command);
  if (known) return known;
  const found = locate(command);
  let result: ServiceBinary;
  if (found) result = { path: found, reason: 'installed' };
  else if (process.getuid?.() !== 0)
    result = { path: null, reason: `${command} is not installed and this is not root (apt-get install ${debianPackage})` };
  else {
    const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', debianPackage], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      encoding: 'utf8',
      timeout: 300_000,
    });
    const after = locate(command);
    result = after
      ? { path: after, reason: 'installed now with apt-get' }
      : { path: null, reason: `apt-get install ${debianPackage} failed: ${(install.stderr || install.error?.message || '').slice(-500)}` };
  }
  cache.set(command, result);
  return result;
}

function locate(command: string): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) if (existsSync(`${dir}/${command}`)) return `${dir}/${command}`;
  const which = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : null;
}
