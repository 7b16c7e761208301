import { spawnSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from './kustomize-lite';

/**
 * The real kustomize, when this machine has one: a `kustomize` binary (`kustomize build`) or kubectl's built-in one
 * (`kubectl kustomize`). Our kustomizations use `labels` and path `patches`, rendered alike by kustomize v4.5.4 and
 * v5.5.0 (both tried); older ones fail on them. kubectl embeds kustomize v2.0.3 up to 1.20 (Debian 12's
 * `kubernetes-client` is 1.20.2) and v4.0.5 in 1.21–1.23; from 1.24 on, `kubectl version --client` names its version.
 */
export const MINIMUM_KUSTOMIZE: Version = [4, 5, 0];

export type Version = [number, number, number];

export interface RealKustomize {
  /** e.g. "kubectl kustomize (kustomize v5.5.0)". */
  description: string;
  render(dir: string): K8sObject[];
}

export type RealKustomizeLookup = { found: RealKustomize } | { found: null; reason: string };

/** The kustomize version in `kustomize version` or `kubectl version --client` output; null when none is named. */
export function kustomizeVersionIn(output: string): Version | null {
  const m =
    /Kustomize Version:\s*v(\d+)\.(\d+)\.(\d+)/.exec(output) ??
    /kustomize\/v(\d+)\.(\d+)\.(\d+)/.exec(output) ??
    /^\s*v(\d+)\.(\d+)\.(\d+)\s*$/.exec(output);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function atLeast(version: Version, minimum: Version): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i] > minimum[i];
  return true;
}

const show = (v: Version) => `v${v.join('.')}`;

function run(command: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
  return { ok: !result.error && result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr || result.error?.message || '' };
}

/** Finds a real kustomize recent enough for our kustomizations: a `kustomize` binary first, then kubectl's. */
export function findRealKustomize(): RealKustomizeLookup {
  const tried: string[] = [];
  const candidates: { name: string; versionArgs: string[]; buildArgs: (dir: string) => [string, string[]] }[] = [
    { name: 'kustomize', versionArgs: ['version'], buildArgs: (dir) => ['kustomize', ['build', dir]] },
    { name: 'kubectl', versionArgs: ['version', '--client'], buildArgs: (dir) => ['kubectl', ['kustomize', dir]] },
  ];
  for (const candidate of candidates) {
    const probe = run(candidate.name, candidate.versionArgs);
    if (!probe.ok && /ENOENT/.test(probe.stderr)) {
      tried.push(`no ${candidate.name}`);
      continue;
    }
    const version = kustomizeVersionIn(probe.stdout);
    if (!version || !atLeast(version, MINIMUM_KUSTOMIZE)) {
      tried.push(`${candidate.name} embeds kustomize ${version ? show(version) : 'older than v4.5 (it names no version)'}`);
      continue;
    }
    const description = candidate.name === 'kubectl' ? `kubectl kustomize (kustomize ${show(version)})` : `kustomize build (${show(version)})`;
    return {
      found: {
        description,
        render(dir) {
          const [command, args] = candidate.buildArgs(dir);
          const out = run(command, args);
          if (!out.ok) throw new Error(`${command} ${args.join(' ')} failed: ${out.stderr.trim()}`);
          return parseAllDocuments(out.stdout)
            .map((doc) => doc.toJS() as K8sObject | null)
            .filter((o): o is K8sObject => o !== null);
        },
      },
    };
  }
  return { found: null, reason: `${tried.join('; ')} (needs kustomize ≥ ${show(MINIMUM_KUSTOMIZE)}, or kubectl ≥ 1.24)` };
}
