/**
 * Environments: the folders of a GitOps repository that are rendered and deployed as a unit,
 * declared in `.kubeproof.yaml` or discovered (kustomize overlay folders, Argo CD, Flux).
 */
import type { JsonObject } from '../../manifests/json-value.ts';

/** How an environment is rendered. */
export const RENDERERS = ['builtin', 'kustomize', 'kubectl', 'helm', 'none'] as const;

/**
 * - `builtin`: kubeproof's own kustomize engine (no binary needed);
 * - `kustomize` / `kubectl`: the `kustomize build` / `kubectl kustomize` binaries;
 * - `helm`: `helm template` over a chart;
 * - `none`: the folder's manifests as they are.
 */
export type Renderer = (typeof RENDERERS)[number];

/** Where an environment was found. */
export type EnvironmentSource = 'config' | 'folder' | 'argocd' | 'flux';

/** How to render a Helm chart. Every path is repository-relative. */
export interface HelmSettings {
  /** Folder of the chart (holds Chart.yaml). */
  chart: string;
  /** Values files, in the order Helm merges them (later ones win). */
  valuesFiles: string[];
  releaseName?: string;
  namespace?: string;
  /**
   * Inline values (YAML or JSON text), merged after every values file: Argo CD `values` /
   * `valuesObject`, Flux `spec.values` and resolved `valuesFrom`. Given to helm on stdin (`-f -`).
   */
  values?: string;
  /** `--set` / `--set-string` / `--set-file` flags, applied after every values file (they win). */
  parameters?: HelmParameter[];
  /** Kubernetes version of `.Capabilities.KubeVersion` (default: the environment's `kubernetesVersion`). */
  kubeVersion?: string;
  /** API versions of `.Capabilities.APIVersions` (`--api-versions`), `[group/]version[/kind]`. */
  apiVersions?: string[];
  /** Leave the chart's `crds/` folder out (Argo CD `skipCrds`, Flux `install.crds: Skip`). */
  skipCrds?: boolean;
  /** Leave the chart's test hooks out (`--skip-tests`). */
  skipTests?: boolean;
  /** A values file missing from the repository is skipped instead of failing (Argo CD `ignoreMissingValueFiles`). */
  ignoreMissingValueFiles?: boolean;
}

/**
 * How a folder of plain manifests is read (Argo CD's directory source): only the folder's own
 * files unless `recurse`; `include` / `exclude` are Argo CD's glob patterns over paths relative to
 * the folder (`exclude` wins). Absent: every manifest below the folder (`renderer: none` of the config).
 * https://argo-cd.readthedocs.io/en/stable/user-guide/directory/
 */
export interface DirectorySettings {
  recurse: boolean;
  include?: string;
  exclude?: string;
}

/** One `--set`-style flag. */
export interface HelmParameter {
  /** `set` / `set-string`: `name=value`; `set-file`: the value is a repository-relative path. */
  flag: 'set' | 'set-string' | 'set-file';
  name: string;
  value: string;
}

export interface Environment {
  /** Unique among the environments of a repository. */
  name: string;
  /** Repository-relative folder (`''` is the root), without `./` or a trailing `/`. */
  path: string;
  source: EnvironmentSource;
  renderer: Renderer;
  /** Human-readable notes: where it was declared, what kubeproof assumed. */
  detail?: string;
  /** From the config: the Kubernetes version to validate against (`x.y.z`). */
  kubernetesVersion?: string;
  helm?: HelmSettings;
  /** For plain manifests deployed by an Argo CD directory source: which files it reads. */
  directory?: DirectorySettings;
  /**
   * Manifests that declare the environment and carry rendering settings (Argo CD Applications,
   * ApplicationSets, Flux Kustomizations and HelmReleases, and the ConfigMaps, Secrets and
   * generator files a HelmRelease's `valuesFrom` reads): a change to one of them affects the
   * environment.
   */
  declaredIn?: string[];
  /**
   * The ApplicationSets among `declaredIn` that generate this environment: a change to one
   * affects it only when what it generates for it changes (affected-environments.ts).
   */
  generatedBy?: string[];
}

/** One entry of `environments` in `.kubeproof.yaml`, paths normalised. */
export interface EnvironmentConfig {
  name: string;
  path: string;
  renderer?: Renderer;
  kubernetesVersion?: string;
  helm?: HelmSettings;
}

/** A custom Helm values key that holds a tag (`promotion.tagFields`). */
export interface TagField {
  /** Dotted key path of the tag (`imageVersion`, `web.image.version`). */
  tag: string;
  /** Dotted key path of the repository beside it, or... */
  repository?: string;
  /** ...the image it is the tag of. */
  image?: string;
}

/** A pair of `promotion.auto`: a push that changes `from` opens the `from` -> `to` promotion. */
export interface PromotionAutoPair {
  from: string;
  to: string;
}

/** `promotion` in `.kubeproof.yaml`. */
export interface PromotionConfig {
  /** Environments from the first to receive a change to the last. */
  order?: string[];
  /**
   * Promotions opened by themselves after a push changed the source: `true` every environment to
   * the next in `order`, `false` none, or these pairs (environments, or stages of APP/STAGE ones).
   */
  auto?: boolean | PromotionAutoPair[];
  /** Environments that refuse mutable tags (`latest`, none, `mutableTags`) unless a digest pins them. */
  protected?: string[];
  /** Environments that take an image only with its digest. */
  requireDigest?: string[];
  /** Tags that can move (globs, `*` any run of characters): `latest` always is. */
  mutableTags?: string[];
  tagFields?: TagField[];
}

/** The content of `.kubeproof.yaml` (schemas/kubeproof-config.schema.json), paths normalised. */
export interface KubeproofConfig {
  version: 1;
  environments?: EnvironmentConfig[];
  /** URLs Argo CD and Flux may name this repository by, besides its git remote. */
  repository?: { urls?: string[] };
  promotion?: PromotionConfig;
  diff?: JsonObject;
  policy?: JsonObject;
  validate?: JsonObject;
}

/** `helm` as `.kubeproof.yaml` writes it: inline values as a mapping, a parameter's flag optional (`set`). */
export interface WrittenHelmConfig extends Omit<HelmSettings, 'values' | 'parameters' | 'valuesFiles'> {
  valuesFiles?: string[];
  values?: JsonObject;
  parameters?: (Omit<HelmParameter, 'flag'> & { flag?: HelmParameter['flag'] })[];
}

/** `.kubeproof.yaml` as written: schema-valid, paths not normalised (normalize-config.ts). */
export interface WrittenKubeproofConfig extends Omit<KubeproofConfig, 'environments'> {
  environments?: (Omit<EnvironmentConfig, 'helm'> & { helm?: WrittenHelmConfig })[];
}
