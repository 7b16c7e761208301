import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { appDatabaseUrl, directDatabaseUrl, listenDatabaseUrl, validateEnvironment } from '@hireloop/config';
import { metricsRegistry, collectProcessMetrics } from '@hireloop/core/observability';
import { validateObject } from './kubernetes-schemas';
import { K8sObject, kustomize, readYamlObjects, strategicMerge } from './kustomize-lite';

/**
 * The Kubernetes manifests, checked without a cluster: every object of the base, the overlay files and both
 * renderings validated against the Kubernetes schemas (kubernetes-models), and the rendering checked for what the
 * deployment relies on (probes, security context, resources, selectors, config the service accepts).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const BASE = path.join(__dirname, 'base');
const PRODUCTION = path.join(__dirname, 'overlays', 'production');

const find = (objects: K8sObject[], kind: string, name: string): any => {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind} ${name} missing`);
  return o;
};
const podTemplateOf = (o: any) => (o.kind === 'Job' || o.kind === 'Deployment' ? o.spec.template : undefined);

describe('Kubernetes manifests', () => {
  const yamlFiles = (dir: string) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .map((f) => path.join(dir, f));

  it.each([...yamlFiles(BASE), ...yamlFiles(PRODUCTION).filter((f) => f.endsWith('namespace.yaml'))].map((f) => [path.relative(ROOT, f)]))(
    '%s: every object passes the Kubernetes schema',
    (file) => {
      const objects = readYamlObjects(path.join(ROOT, file));
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) validateObject(o);
    },
  );

  it('the schema check does catch mistakes', () => {
    const broken = strategicMerge(find(readYamlObjects(path.join(BASE, 'api-deployment.yaml')), 'Deployment', 'hireloop-api'), {
      spec: { replicas: 'three' },
    }) as K8sObject;
    expect(() => validateObject(broken)).toThrow(/replicas must be integer/);
    const nameless = strategicMerge(find(readYamlObjects(path.join(BASE, 'api-hpa.yaml')), 'HorizontalPodAutoscaler', 'hireloop-api'), {
      spec: { scaleTargetRef: { name: null } },
    }) as K8sObject;
    expect(() => validateObject(nameless)).toThrow(/scaleTargetRef must have required property name/);
  });

  describe.each([
    ['base', BASE, undefined],
    ['production', PRODUCTION, 'hireloop'],
  ])('rendered %s', (_name, dir, namespace) => {
    const objects = kustomize(dir);

    it('renders valid objects, each kind/name once', () => {
      for (const o of objects) validateObject(o);
      const keys = objects.map((o) => `${o.kind}/${o.metadata.name}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(
        expect.arrayContaining([
          'Deployment/hireloop-api',
          'Service/hireloop-api',
          'HorizontalPodAutoscaler/hireloop-api',
          'PodDisruptionBudget/hireloop-api',
          'Deployment/hireloop-worker',
          'Job/hireloop-migrate',
          'ConfigMap/hireloop-config',
          'Secret/hireloop-secrets',
          'Secret/hireloop-migration-secrets',
          'NetworkPolicy/hireloop-api',
          'NetworkPolicy/hireloop-worker',
        ]),
      );
      if (namespace) for (const o of objects) expect(o.kind === 'Namespace' ? namespace : o.metadata.namespace).toBe(namespace);
    });

    it('gives every container requests and limits and a locked-down security context', () => {
      for (const o of objects.map(podTemplateOf).filter(Boolean)) {
        expect(o.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
        expect(o.spec.automountServiceAccountToken).toBe(false);
        for (const c of o.spec.containers) {
          expect(c.resources.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
          expect(c.resources.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
          expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
          // A read-only root: Node's and the libraries' temporary files go to an emptyDir.
          expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
          if (namespace) expect(c.image).toMatch(/^ghcr\.io\/example\/hireloop:\d+\.\d+\.\d+$/);
          // Each command runs a file the build produces.
          const entry = c.command[1].replace(/^dist\//, '').replace(/\.js$/, '.ts');
          expect(existsSync(path.join(ROOT, entry))).toBe(true);
        }
      }
    });

    it('probes the API on /health/ready (readiness) and /health (liveness), the worker on its metrics port', () => {
      const config = find(objects, 'ConfigMap', 'hireloop-config').data;
      const api = find(objects, 'Deployment', 'hireloop-api').spec.template.spec.containers[0];
      const port = (c: any, name: string) => c.ports.find((p: any) => p.name === name).containerPort;
      expect(api.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(api.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
      expect(port(api, 'http')).toBe(Number(config.PORT));
      expect(port(api, 'metrics')).toBe(Number(config.METRICS_PORT));
      const worker = find(objects, 'Deployment', 'hireloop-worker').spec.template.spec.containers[0];
      expect(worker.livenessProbe.httpGet).toEqual({ path: '/health', port: 'metrics' });
      expect(port(worker, 'metrics')).toBe(Number(config.WORKER_METRICS_PORT));
      // Rolling updates never take a serving pod away before its replacement is ready.
      expect(find(objects, 'Deployment', 'hireloop-api').spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    });

    it('connects selectors: Service, PDBs, HPA and NetworkPolicies find their pods', () => {
      const labelsOf = (name: string) => find(objects, 'Deployment', name).spec.template.metadata.labels;
      const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
        Object.entries(selector).every(([k, v]) => labels[k] === v);
      const api = find(objects, 'Deployment', 'hireloop-api');
      expect(selects(api.spec.selector.matchLabels, labelsOf('hireloop-api'))).toBe(true);
      expect(selects(find(objects, 'Service', 'hireloop-api').spec.selector, labelsOf('hireloop-api'))).toBe(true);
      expect(find(objects, 'Service', 'hireloop-api').spec.ports.map((p: any) => p.targetPort)).toEqual(['http']);
      expect(selects(find(objects, 'PodDisruptionBudget', 'hireloop-api').spec.selector.matchLabels, labelsOf('hireloop-api'))).toBe(true);
      expect(selects(find(objects, 'PodDisruptionBudget', 'hireloop-worker').spec.selector.matchLabels, labelsOf('hireloop-worker'))).toBe(true);
      expect(selects(find(objects, 'NetworkPolicy', 'hireloop-api').spec.podSelector.matchLabels, labelsOf('hireloop-api'))).toBe(true);
      expect(selects(find(objects, 'NetworkPolicy', 'hireloop-worker').spec.podSelector.matchLabels, labelsOf('hireloop-worker'))).toBe(true);
      expect(
        selects(
          find(objects, 'NetworkPolicy', 'hireloop-migrate').spec.podSelector.matchLabels,
          find(objects, 'Job', 'hireloop-migrate').spec.template.metadata.labels,
        ),
      ).toBe(true);
      expect(find(objects, 'HorizontalPodAutoscaler', 'hireloop-api').spec.scaleTargetRef).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'hireloop-api',
      });
      // The metrics ports are reachable from the monitoring namespace only, never through the Service.
      const apiIngress = find(objects, 'NetworkPolicy', 'hireloop-api').spec.ingress;
      expect(apiIngress.find((r: any) => r.ports.some((p: any) => p.port === 9464)).from).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
      ]);
    });

    it('holds a configuration the service accepts, with placeholder secrets only; the owner credentials reach the migration Job alone', () => {
      const config = find(objects, 'ConfigMap', 'hireloop-config').data;
      const secret = find(objects, 'Secret', 'hireloop-secrets').stringData;
      const migrationSecret = find(objects, 'Secret', 'hireloop-migration-secrets').stringData;
      for (const value of Object.values({ ...secret, ...migrationSecret }) as string[]) expect(value).toMatch(/CHANGE-?ME/);
      const service = validateEnvironment({ ...config, ...secret });
      expect(service).toMatchObject({
        NODE_ENV: 'production',
        MIGRATIONS_RUN: false,
        DATABASE_POOLER: 'transaction',
        DATABASE_PREPARED_STATEMENTS: false,
      });
      // The API and the worker: the service's role through the pooler, and PostgreSQL itself for LISTEN; no owner.
      expect(Object.keys(secret)).not.toContain('DATABASE_URL');
      expect(Object.keys(secret)).not.toContain('DATABASE_DIRECT_URL');
      expect(new URL(appDatabaseUrl(service))).toMatchObject({ username: 'hireloop_app', port: '6432' });
      expect(new URL(listenDatabaseUrl(service))).toMatchObject({ username: 'hireloop_app', port: '5432' });
      // The migration Job: the owner, on PostgreSQL itself.
      const migration = validateEnvironment({ ...config, ...secret, ...migrationSecret });
      expect(new URL(directDatabaseUrl(migration))).toMatchObject({ username: 'hireloop', port: '5432' });
      const envFrom = (kind: string, name: string) => podTemplateOf(find(objects, kind, name)).spec.containers[0].envFrom;
      const serviceEnv = [{ configMapRef: { name: 'hireloop-config' } }, { secretRef: { name: 'hireloop-secrets' } }];
      expect(envFrom('Deployment', 'hireloop-api')).toEqual(serviceEnv);
      expect(envFrom('Deployment', 'hireloop-worker')).toEqual(serviceEnv);
      expect(envFrom('Job', 'hireloop-migrate')).toEqual([...serviceEnv, { secretRef: { name: 'hireloop-migration-secrets' } }]);
    });

    it('runs the migration Job before the new version serves (hooks) with the migration command', () => {
      const job = find(objects, 'Job', 'hireloop-migrate');
      expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync', 'helm.sh/hook': 'pre-install,pre-upgrade' });
      expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'dist/libs/database/src/migrate.js']);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
    });
  });

  it('production overrides replicas, resources and the autoscaler on top of the base', () => {
    const base = kustomize(BASE);
    const prod = kustomize(PRODUCTION);
    expect(find(base, 'Deployment', 'hireloop-api').spec.replicas).toBe(2);
    expect(find(prod, 'Deployment', 'hireloop-api').spec.replicas).toBe(3);
    const prodApi = find(prod, 'Deployment', 'hireloop-api').spec.template.spec.containers[0];
    expect(prodApi.resources.limits.memory).toBe('768Mi');
    // The patch merged into the container by name: the probes of the base are still there.
    expect(prodApi.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(find(prod, 'HorizontalPodAutoscaler', 'hireloop-api').spec).toMatchObject({
      minReplicas: 3,
      maxReplicas: 20,
      metrics: [expect.anything()],
    });
    expect(find(prod, 'ConfigMap', 'hireloop-config').data).toMatchObject({ DATABASE_POOL_SIZE: '15', DATABASE_POOLER: 'transaction' });
  });

  it('the Grafana dashboard queries only metrics the processes export', async () => {
    collectProcessMetrics();
    const exported = new Set(
      (await metricsRegistry.getMetricsAsJSON()).flatMap((m) =>
        String(m.type) === 'histogram' ? [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`] : [m.name],
      ),
    );
    const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'deploy', 'grafana', 'hireloop-dashboard.json'), 'utf8'));
    const used = dashboard.panels.flatMap((p: any) => p.targets.flatMap((t: any) => t.expr.match(/hireloop_[a-z0-9_]+/g) ?? []));
    expect(used.length).toBeGreaterThan(10);
    expect(used.filter((name: string) => !exported.has(name))).toEqual([]);
  });
});
