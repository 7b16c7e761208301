import path from 'node:path';
import { validateObject } from './kubernetes-schemas';
import { K8sObject, kustomize } from './kustomize-lite';
import { atLeast, findRealKustomize, kustomizeVersionIn, MINIMUM_KUSTOMIZE } from './real-kustomize';

/**
 * The manifests rendered by the real kustomize, where this machine has one (kubectl ≥ 1.24 or a kustomize binary):
 * every object passes the Kubernetes schemas, and kustomize-lite — the renderer manifests.spec.ts checks in depth,
 * on every machine — gives the same objects, so its checks hold for what `kubectl apply -k` applies. Without a real
 * kustomize (a fresh CI machine: Debian ships kubectl 1.20, whose kustomize is too old) this part is skipped and
 * says so.
 */
const BASE = path.join(__dirname, 'base');
const PRODUCTION = path.join(__dirname, 'overlays', 'production');

describe('finding a real kustomize', () => {
  it.each([
    ['kubectl 1.32 (version --client)', 'Client Version: v1.32.4\nKustomize Version: v5.5.0\n', [5, 5, 0], true],
    ['kubectl 1.24', 'Client Version: v1.24.0\nKustomize Version: v4.5.4\n', [4, 5, 4], true],
    ['kustomize v5 (version)', 'v5.4.3\n', [5, 4, 3], true],
    [
      'kustomize v4 (version)',
      '{Version:kustomize/v4.5.4 GitCommit:cf3a452ddd6f83945d39d582243b8592ec627ae3 BuildDate:2022-03-28T23:12:45Z GoOs:linux GoArch:amd64}\n',
      [4, 5, 4],
      true,
    ],
    ['kustomize v4.0.5', '{Version:kustomize/v4.0.5 GitCommit:9e8e7a7fe99ec9fbf801463e8607928322fc5245}\n', [4, 0, 5], false],
    [
      'Debian 12 kubectl 1.20 (no kustomize version named)',
      'Client Version: version.Info{Major:"1", Minor:"20", GitVersion:"v1.20.2", GitCommit:"faecb196815e248d3ecfb03c680a4507229c2a56"}\n',
      null,
      false,
    ],
  ])('%s', (_name, output, version, enough) => {
    const parsed = kustomizeVersionIn(output as string);
    expect(parsed).toEqual(version);
    expect(parsed !== null && atLeast(parsed, MINIMUM_KUSTOMIZE)).toBe(enough);
  });
});

const lookup = findRealKustomize();
if (!lookup.found) process.stderr.write(`real-kustomize.spec: SKIPPED the check with the real kustomize: ${lookup.reason}\n`);
const describeWithKustomize = lookup.found ? describe : describe.skip;
const renderer = lookup.found?.description ?? 'the real kustomize (none on this machine)';

describeWithKustomize(`rendered by ${renderer}`, () => {
  const key = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const byKey = (objects: K8sObject[]) => [...objects].sort((a, b) => key(a).localeCompare(key(b)));

  describe.each([
    ['base', BASE],
    ['production', PRODUCTION],
  ])('%s', (_name, dir) => {
    let real: K8sObject[];
    beforeAll(() => {
      real = lookup.found!.render(dir);
    });

    it('every object passes the Kubernetes schema', () => {
      expect(real.length).toBeGreaterThan(10);
      for (const o of real) validateObject(o);
    });

    it('kustomize-lite renders the same objects (up to their order)', () => {
      expect(byKey(kustomize(dir))).toEqual(byKey(real));
    });
  });

  it('the production overlay renders its namespace, pinned image and patches', () => {
    const real = lookup.found!.render(PRODUCTION);
    expect(real.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'hireloop')).toBe(true);
    const api = real.find((o) => o.kind === 'Deployment' && o.metadata.name === 'hireloop-api') as any;
    expect(api.spec.replicas).toBe(3);
    expect(api.spec.template.spec.containers[0].image).toBe('ghcr.io/example/hireloop:0.1.0');
    expect(api.spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/health/ready');
  });
});
