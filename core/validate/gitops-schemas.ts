import type { SchemaValidator } from './compile-schema.ts';
import { importPackage, loadModelValidator, type ModuleImporter } from './offline-schemas.ts';

/**
 * The npm packages that model the GitOps controllers' custom resources, by API group, with the
 * source as the report names it: package, version and the upstream CRDs it was generated from.
 * The versions are pinned by the Node 20 engines (see the commit that added them); a test checks
 * these names against the installed packages.
 */
const PACKAGES: readonly { group: RegExp; name: string; source: string }[] = [
  {
    group: /^argoproj\.io$/,
    name: '@kubernetes-models/argo-cd',
    source: '@kubernetes-models/argo-cd 2.7.2 (Argo CD 2.14.11 CRDs, not strict)',
  },
  {
    group: /^(kustomize|helm|source|notification|image)\.toolkit\.fluxcd\.io$/,
    name: '@kubernetes-models/flux-cd',
    source: '@kubernetes-models/flux-cd 2.3.4 (Flux 2.2 CRDs, not strict)',
  },
];

/** The package specifiers the bundles leave to be resolved at run time (scripts/build-options.mjs). */
export const GITOPS_PACKAGES: readonly string[] = PACKAGES.map((entry) => entry.name);

/** A GitOps kind's validator and where it comes from. */
export interface GitOpsSchema {
  validate: SchemaValidator;
  /** `@kubernetes-models/argo-cd 2.7.2 (Argo CD 2.14.11 CRDs, not strict)`. */
  source: string;
}

/**
 * Schemas for the custom resources every GitOps repository holds (Argo CD Application,
 * ApplicationSet, AppProject; Flux Kustomization, HelmRelease, GitRepository, OCIRepository,
 * HelmRepository and the other toolkit kinds), which kubeconform's default location does not have.
 * Each kind's module is imported on first use. CRD schemas do not depend on the Kubernetes
 * version; like the built-in offline schemas they do not reject unknown fields (not strict).
 * A kind or apiVersion the installed package does not model (Flux `helm.toolkit.fluxcd.io/v2`,
 * `source.toolkit.fluxcd.io/v1` HelmRepository) has no schema here.
 */
export function createGitOpsSchemas(importModule: ModuleImporter = importPackage) {
  const cache = new Map<string, Promise<GitOpsSchema | undefined>>();

  async function load(kind: string, apiVersion: string): Promise<GitOpsSchema | undefined> {
    const match = /^([a-z0-9.-]+)\/(v[0-9a-z]+)$/.exec(apiVersion);
    if (!/^[A-Za-z0-9]+$/.test(kind) || !match) return undefined;
    const entry = PACKAGES.find((candidate) => candidate.group.test(match[1] ?? ''));
    if (!entry) return undefined;
    const validate = await loadModelValidator(
      importModule,
      `${entry.name}/${apiVersion}/${kind}`,
      kind,
      apiVersion,
    );
    return validate ? { validate, source: entry.source } : undefined;
  }

  return {
    /** They cannot see unknown fields. */
    strict: false,
    lookup(kind: string, apiVersion: string): Promise<GitOpsSchema | undefined> {
      const key = `${apiVersion}/${kind}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = load(kind, apiVersion);
        cache.set(key, pending);
      }
      return pending;
    },
  };
}

export type GitOpsSchemas = ReturnType<typeof createGitOpsSchemas>;
