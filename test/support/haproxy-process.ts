import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, ManagedProcess, spawnManaged } from './processes';
import { serviceBinary } from './service-binaries';

export interface HaproxyProcess extends ManagedProcess {
  readonly port: number;
  readonly url: string;
  destroy(): Promise<void>;
}

/**
 * A private HAProxy (Debian's package) on a free loopback port, balancing round-robin over `backends` (ports on
 * 127.0.0.1), checking `GET /health/ready` every 500 ms, and retrying a request that failed on a connection error or
 * an empty response / 503 on the other server — the settings a rolling restart relies on.
 */
export async function startHaproxy(backends: number[]): Promise<HaproxyProcess> {
  const binary = serviceBinary('haproxy').path;
  if (!binary) throw new Error(serviceBinary('haproxy').reason);
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'hireloop-haproxy-'));
  const cfg = path.join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  retries 3',
      '  option redispatch 1',
      '  retry-on conn-failure empty-response 503',
      'frontend public',
      `  bind 127.0.0.1:${port}`,
      '  default_backend api',
      'backend api',
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      '  timeout check 3s',
      // Which server answered (tests use it to see both processes serve a sequence of requests).
      '  http-response set-header X-Served-By %s',
      '  default-server inter 500ms fall 3 rise 1',
      ...backends.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check`),
      '',
    ].join('\n'),
  );
  const managed = await spawnManaged({
    name: `haproxy on ${port}`,
    command: binary,
    args: ['-db', '-f', cfg, '-V'],
    readyWhen: /Using \w+\(\) as the polling mechanism/,
    readyTimeoutMs: 15_000,
  });
  return {
    ...managed,
    port,
    url: `http://127.0.0.1:${port}`,
    async destroy() {
      await managed.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
