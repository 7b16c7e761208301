import { startHaproxy } from '@hireloop/testing/haproxy-process';
import { startApi } from './processes';
import type { BenchSettings } from './settings';

/** HAProxy in front of the running API alone and in front of it and a second API process (figures 6 and 7). */
export interface ProxiedApis {
  /** The proxy's URL to one API process, and to two. */
  one: string;
  two: string;
  /** Both API processes (CPU accounting). */
  pids: number[];
  stop(): Promise<void>;
}

/**
 * Starts a second API process on BENCH_PORT + 1 and two HAProxies (round-robin with health checks, configured as the
 * several-processes e2e configures it): one to the running API, one to both. Resolves once both proxies found their
 * servers up, as the e2e waits.
 */
export async function startProxiedApis(settings: BenchSettings, apiPid: number | undefined): Promise<ProxiedApis> {
  const second = await startApi({ ...settings, port: settings.port + 1 });
  const single = await startHaproxy([settings.port]);
  const pair = await startHaproxy([settings.port, settings.port + 1]);
  const stop = async () => {
    await pair.destroy();
    await single.destroy();
    await second.stop();
  };
  try {
    for (const lb of [single, pair]) {
      const deadline = Date.now() + 60_000;
      while ((await fetch(`${lb.url}/health/ready`).catch(() => null))?.status !== 200) {
        if (Date.now() > deadline) throw new Error(`HAProxy on ${lb.url} found no server up within 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { one: single.url, two: pair.url, pids: [apiPid, second.pid].filter((p): p is number => p !== undefined), stop };
}
