import type { JsonObject } from '../../../core/manifests/json-value.ts';
import type { RenderedEnvironment } from '../../../core/render/render-environments.ts';

/** A rendered environment of the given resources (origins are the resource's position). */
export function rendered(resources: JsonObject[], name = 'prod', ok = true): RenderedEnvironment {
  return {
    environment: { name, path: `envs/${name}`, source: 'folder', renderer: 'builtin' },
    ok,
    resources: resources.map((object, index) => ({
      object,
      origin: { path: `envs/${name}/r.yaml`, line: index + 1 },
    })),
    findings: [],
  };
}

/** A Deployment with one container per entry of `containers`. */
export function deployment(
  name: string,
  containers: JsonObject[],
  extra: { replicas?: number; namespace?: string; labels?: Record<string, string> } = {},
): JsonObject {
  const metadata: JsonObject = { name, namespace: extra.namespace ?? 'shop' };
  if (extra.labels !== undefined) metadata.labels = extra.labels;
  const spec: JsonObject = {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers } },
  };
  if (extra.replicas !== undefined) spec.replicas = extra.replicas;
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec };
}

export function configMap(name: string, data: Record<string, string>, namespace = 'shop'): JsonObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function secret(name: string, data: Record<string, string>, namespace = 'shop'): JsonObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', data };
}
