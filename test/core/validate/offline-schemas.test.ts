import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createOfflineSchemas,
  OFFLINE_KUBERNETES_VERSION,
  OFFLINE_SOURCE,
} from '../../../core/validate/offline-schemas.ts';

const installed = JSON.parse(readFileSync('node_modules/kubernetes-models/package.json', 'utf8')) as {
  version: string;
};
/** The Kubernetes release the installed models were generated from, as their README's badge says. */
const modelledKubernetes = /img\.shields\.io\/badge\/kubernetes-([0-9.]+)-/.exec(
  readFileSync('node_modules/kubernetes-models/README.md', 'utf8'),
)?.[1];

describe('the offline schemas', () => {
  it('name the installed kubernetes-models version and the Kubernetes release it models', () => {
    expect(modelledKubernetes).toBeDefined();
    expect(OFFLINE_SOURCE).toBe(
      `kubernetes-models ${installed.version} (Kubernetes ${modelledKubernetes}, built-in kinds only, not strict)`,
    );
    expect(createOfflineSchemas().source).toBe(OFFLINE_SOURCE);
    expect(modelledKubernetes?.startsWith(`${OFFLINE_KUBERNETES_VERSION}.`)).toBe(true);
    expect(createOfflineSchemas().kubernetesVersion).toBe(OFFLINE_KUBERNETES_VERSION);
  });

  it('validate a built-in kind from the installed package', async () => {
    const validate = await createOfflineSchemas().lookup('Deployment', 'apps/v1');
    expect(validate?.({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } })).toBeNull();
    expect(
      validate?.({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 'two' } }),
    ).toContainEqual(expect.objectContaining({ instancePath: '/spec/replicas' }));
  });
});
