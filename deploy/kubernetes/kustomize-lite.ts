import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * A small, deterministic renderer of the kustomize features these manifests use — `resources` (files and
 * directories), `namespace`, `labels` (metadata only), `images`, and strategic-merge `patches` by path — so the test
 * suite can render the overlays without the kustomize binary. Any other kustomization field is refused, so what
 * renders here is what `kubectl kustomize` renders (up to the order of the objects).
 */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: unknown;
};

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'labels', 'images', 'patches']);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition']);

export function readYamlObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((o): o is K8sObject => o !== null);
}

export function kustomize(dir: string): K8sObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const [k] = readYamlObjects(file) as unknown as Record<string, any>[];
  for (const key of Object.keys(k))
    if (!SUPPORTED.has(key)) throw new Error(`${file}: kustomization field "${key}" is not supported by kustomize-lite`);
  let objects: K8sObject[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.resolve(dir, resource);
    if (!existsSync(target)) throw new Error(`${file}: resource ${resource} does not exist`);
    objects.push(...(statSync(target).isDirectory() ? kustomize(target) : readYamlObjects(target)));
  }
  for (const patch of k.patches ?? []) {
    if (!patch.path || patch.target || patch.patch) throw new Error(`${file}: only strategic-merge patches by path are supported`);
    for (const p of readYamlObjects(path.resolve(dir, patch.path))) {
      const i = objects.findIndex((o) => o.kind === p.kind && o.metadata.name === p.metadata.name && group(o.apiVersion) === group(p.apiVersion));
      if (i < 0) throw new Error(`${file}: patch ${patch.path} matches no ${p.kind} ${p.metadata.name}`);
      objects[i] = strategicMerge(objects[i], p) as K8sObject;
    }
  }
  for (const { pairs } of k.labels ?? [])
    objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...pairs } } }));
  if (k.namespace) objects = objects.map((o) => (CLUSTER_SCOPED.has(o.kind) ? o : { ...o, metadata: { ...o.metadata, namespace: k.namespace } }));
  for (const image of k.images ?? []) objects = objects.map((o) => setImage(o, image));
  return objects;
}

function group(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

/** Strategic merge: maps merge recursively, lists of named objects merge by `name`, other lists are replaced. */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (patch === null) return undefined;
  if (Array.isArray(base) && Array.isArray(patch) && [...base, ...patch].every((x) => x && typeof x === 'object' && 'name' in x)) {
    const merged = base.map((b) => {
      const p = patch.find((x) => x.name === b.name);
      return p ? strategicMerge(b, p) : b;
    });
    return [...merged, ...patch.filter((p) => !base.some((b) => b.name === p.name))];
  }
  if (isMap(base) && isMap(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(patch)) {
      const merged = strategicMerge(base[key], value);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    }
    return out;
  }
  return patch;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function setImage(o: K8sObject, image: { name: string; newName?: string; newTag?: string; digest?: string }): K8sObject {
  const replace = (value: string) => {
    const [name] = value.split(/[:@]/);
    if (name !== image.name) return value;
    const repo = image.newName ?? name;
    return image.digest ? `${repo}@${image.digest}` : `${repo}:${image.newTag ?? 'latest'}`;
  };
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (!isMap(x)) return x;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(x))
      out[key] =
        (key === 'containers' || key === 'initContainers') && Array.isArray(value)
          ? value.map((c) => ({ ...c, image: replace(c.image) }))
          : walk(value);
    return out;
  };
  return walk(o) as K8sObject;
}
