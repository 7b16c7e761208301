import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, ManagedProcess, spawnManaged } from './processes';

/**
 * A private PostgreSQL cluster for tests that stop and restart the database, so the shared instance of the other
 * tests is never touched: initdb in a temporary directory, trust authentication, its own port and socket directory.
 */

export type PostgresStopMode = 'fast' | 'immediate';

export interface PostgresServerProcess {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string;
  /** The current postmaster (changes on restart). */
  process(): ManagedProcess;
  /**
   * 'fast' (pg_ctl stop -m fast): sessions are terminated, then a clean shutdown. 'immediate': the postmaster quits
   * at once, like a crash; the next start recovers from the WAL.
   */
  stop(mode?: PostgresStopMode): Promise<void>;
  /** Starts it again on the same port and data directory. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

const run = promisify(execFile);

const STOP_SIGNAL: Record<PostgresStopMode, NodeJS.Signals> = { fast: 'SIGINT', immediate: 'SIGQUIT' };

/** The directory of initdb and postgres: $PG_BIN, `pg_config --bindir`, or the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    const newest = readdirSync(debianRoot)
      .filter((v) => existsSync(path.join(debianRoot, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return path.join(debianRoot, newest, 'bin');
  }
  return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
}

/** PostgreSQL refuses to run as root: when we are root, the cluster belongs to the `postgres` system user. */
function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startPostgresServer(options: { port?: number } = {}): Promise<PostgresServerProcess> {
  const bin = postgresBinDir();
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'hireloop-pg-'));
  const dataDir = path.join(dir, 'data');
  const owner = clusterOwner();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const env = { PATH: process.env.PATH, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

  try {
    await run(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], { env, ...owner });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr ?? error}`);
  }

  let current: ManagedProcess;
  const launch = async () => {
    current = await spawnManaged({
      name: `postgres on ${port}`,
      command: path.join(bin, 'postgres'),
      args: [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        // Durability against an OS crash is not what these tests are about; a killed postmaster loses nothing.
        '-c',
        'fsync=off',
        '-c',
        'max_connections=100',
      ],
      env,
      ...owner,
      readyWhen: /database system is ready to accept connections/,
      readyTimeoutMs: 30_000,
    });
  };
  await launch();

  const stop = async (mode: PostgresStopMode = 'fast') => {
    if (!current.running()) return;
    await current.kill(STOP_SIGNAL[mode]);
  };
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    process: () => current,
    stop,
    restart: launch,
    async destroy() {
      await stop('immediate');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
