import type { K8sObject } from './kustomize-lite';

/** kubernetes-models' class for an object's apiVersion and kind, e.g. apps/v1 Deployment. */
function modelFor(o: K8sObject): new (data: unknown) => { validate(): void } {
  const modulePath = `kubernetes-models/${o.apiVersion}/${o.kind}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(modulePath);
  const Model = mod[o.kind] ?? mod.default;
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  return Model;
}

/** Checks one object against the Kubernetes OpenAPI schema of its kind; throws naming the object and the violation. */
export function validateObject(o: K8sObject): void {
  const Model = modelFor(o);
  try {
    new Model(o).validate();
  } catch (error) {
    throw new Error(`${o.kind} ${o.metadata?.name}: ${(error as Error).message}`);
  }
}
