import { APP_DATABASE_ROLE } from '@hireloop/config';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, ManagedProcess, spawnManaged } from './processes';
import { serviceBinary } from './service-binaries';

export interface PgBouncerProcess extends ManagedProcess {
  readonly port: number;
  /** `postgresUrl` with host and port replaced by the pooler's. */
  readonly url: string;
  /** The admin console (database `pgbouncer`; simple queries only: SHOW POOLS, SHOW STATS …). */
  readonly adminUrl: string;
  version: string;
  destroy(): Promise<void>;
}

/**
 * A private PgBouncer (Debian's package) in front of `postgresUrl`, on a free loopback port, in transaction mode,
 * with a generated ini and userlist (trust auth, like the local PostgreSQL). PgBouncer refuses to run as root, so as
 * root it drops to the postgres user.
 */
export async function startPgBouncer(
  postgresUrl: string,
  options: { poolMode?: 'transaction' | 'session'; poolSize?: number } = {},
): Promise<PgBouncerProcess> {
  const binary = serviceBinary('pgbouncer').path;
  if (!binary) throw new Error(serviceBinary('pgbouncer').reason);
  const target = new URL(postgresUrl);
  const user = decodeURIComponent(target.username || 'postgres');
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'hireloop-pgbouncer-'));
  chmodSync(dir, 0o755);
  const ini = path.join(dir, 'pgbouncer.ini');
  const userlist = path.join(dir, 'userlist.txt');
  // The owner (migrations, admin console) and the service's own role (row-level security applies to it).
  writeFileSync(userlist, [user, APP_DATABASE_ROLE].map((name) => `"${name}" ""\n`).join(''), { mode: 0o644 });
  writeFileSync(
    ini,
    [
      '[databases]',
      `* = host=${target.hostname} port=${target.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${userlist}`,
      `pool_mode = ${options.poolMode ?? 'transaction'}`,
      'max_client_conn = 500',
      `default_pool_size = ${options.poolSize ?? 10}`,
      `admin_users = ${user}`,
      `stats_users = ${user}`,
      'server_reset_query =',
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const asRoot = process.getuid?.() === 0;
  const args = asRoot ? ['-u', 'postgres', ini] : [ini];
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? 'PgBouncer';
  const managed = await spawnManaged({
    name: `pgbouncer on ${port}`,
    command: binary,
    args,
    readyWhen: /process up|listening on 127\.0\.0\.1/i,
    readyTimeoutMs: 15_000,
  });
  const url = new URL(postgresUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  const adminUrl = new URL(url.toString());
  adminUrl.pathname = '/pgbouncer';
  return {
    ...managed,
    port,
    url: url.toString(),
    adminUrl: adminUrl.toString(),
    version,
    async destroy() {
      await managed.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
