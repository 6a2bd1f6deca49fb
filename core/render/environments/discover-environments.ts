import type { Finding } from '../../findings.ts';
import type { FileSource } from '../../files/file-source.ts';
import { applicationTargets } from './argocd-application.ts';
import { applicationSetTargets } from './argocd-applicationset.ts';
import { configEnvironments } from './config-environments.ts';
import { detectRenderer, hasKustomization } from './detect-renderer.ts';
import { folderEnvironments } from './folder-environments.ts';
import { generatedValuesSources } from './generated-values-sources.ts';
import { fluxHelmReleaseTargets, readsValuesFrom } from './flux-helmrelease.ts';
import { fluxKustomizationTargets } from './flux-kustomization.ts';
import { discoveryFinding, stringAt, type GitOpsTarget, type TargetsResult } from './gitops-target.ts';
import { loadConfig, type LoadConfigResult } from './load-config.ts';
import { mergeSightings, type Sighting } from './merge-sightings.ts';
import { chooseNames, declaredNameCandidates, folderNameCandidates } from './name-environments.ts';
import { showPath } from './repo-path.ts';
import { sharedBaseOverlays } from './shared-base-overlays.ts';
import type { RepositoryIdentity } from './repository-identity.ts';
import { scanGitOpsManifests, type GitOpsDocument } from './scan-manifests.ts';
import type { Environment } from './types.ts';
import { scanValuesSources, type ValuesSource } from './values-sources.ts';
import { walkRepository, type RepositoryTree } from './walk-repository.ts';

export interface DiscoverEnvironmentsResult {
  /** Sorted by name (config environments keep the config's order). */
  environments: Environment[];
  findings: Finding[];
}

export interface DiscoverOptions {
  /**
   * This repository's URLs and the branch checked, from the front door (git remotes,
   * GITHUB_REPOSITORY); the config's `repository.urls` are added to them. Without any URL,
   * every Argo CD source and Flux GitRepository is taken to be this repository.
   */
  repository?: RepositoryIdentity;
}

interface TargetContext {
  tree: RepositoryTree;
  valuesSources: readonly ValuesSource[];
  /** Flux sources and ArtifactGenerators. */
  sources: readonly GitOpsDocument[];
  repository: RepositoryIdentity | undefined;
}

async function targetsOf(doc: GitOpsDocument, context: TargetContext): Promise<TargetsResult> {
  const { repository } = context;
  if (doc.kind === 'FluxSource' || doc.kind === 'ArtifactGenerator') return { targets: [], findings: [] };
  if (doc.kind === 'FluxKustomization')
    return fluxKustomizationTargets(doc, {
      documents: context.sources,
      ...(repository ? { repository } : {}),
    });
  if (doc.kind === 'HelmRelease') return fluxHelmReleaseTargets(doc, context.valuesSources);
  if (doc.kind === 'ApplicationSet') return applicationSetTargets(doc, context.tree.directories, repository);
  const name = stringAt(doc.content['metadata'], 'name');
  if (name === undefined) return { targets: [], findings: [] };
  return applicationTargets(name, doc.content['spec'], {
    file: doc.file,
    at: (index, multiple) => doc.locate(multiple ? `/spec/sources/${index}/path` : '/spec/source/path'),
    label: `Argo CD Application ${name}`,
    ...(repository ? { repository } : {}),
  });
}

async function targetSighting(target: GitOpsTarget, exists: (path: string) => boolean): Promise<Sighting> {
  const renderer = target.renderer ?? (await detectRenderer(exists, target.path));
  const notes = [...target.notes];
  if (target.source === 'flux' && renderer !== 'helm' && !(await hasKustomization(exists, target.path)))
    notes.push('no kustomization: Flux generates one over every manifest below the folder');
  const detail = [`${target.label} at ${target.file}:${target.at.line}`, ...notes].join(', ');
  const environment: Sighting['environment'] = {
    path: target.path,
    source: target.source,
    renderer,
    detail,
    declaredIn: [target.file, ...(target.alsoReads ?? [])],
    ...(target.generated ? { generatedBy: [target.file] } : {}),
  };
  if (renderer === 'helm') environment.helm = target.helm ?? { chart: target.path, valuesFiles: [] };
  if (renderer === 'none' && target.directory) environment.directory = target.directory;
  return { names: declaredNameCandidates(target.name, target.path, target.otherNames), environment };
}

/** Discovery over the repository's folders and GitOps manifests (no config, or no environments in it). */
async function discoverFromRepository(
  files: FileSource,
  repository: RepositoryIdentity | undefined,
): Promise<DiscoverEnvironmentsResult> {
  const tree = await walkRepository(files);
  const fileSet = new Set(tree.files);
  const directorySet = new Set(tree.directories);
  const exists = (path: string): boolean => fileSet.has(path);
  const findings: Finding[] = [];
  const sightings: Sighting[] = folderEnvironments(tree).map(({ path, container }) => ({
    names: folderNameCandidates(path),
    environment: {
      path,
      source: 'folder',
      renderer: 'builtin',
      detail: `kustomize overlay folder in ${container}/`,
    },
  }));
  const named = new Set(sightings.map((sighting) => sighting.environment.path));
  for (const overlay of await sharedBaseOverlays(files, tree)) {
    if (named.has(overlay.path)) continue;
    sightings.push({
      names: folderNameCandidates(overlay.path),
      environment: {
        path: overlay.path,
        source: 'folder',
        renderer: 'builtin',
        detail: `kustomize overlay in ${showPath(overlay.container)}/ over ${overlay.bases.join(', ')}`,
      },
    });
  }

  const documents = await scanGitOpsManifests(files, tree.files);
  // ConfigMaps and Secrets are read only when a HelmRelease asks for them.
  const valuesSources = documents.some((doc) => doc.kind === 'HelmRelease' && readsValuesFrom(doc))
    ? [...(await scanValuesSources(files, tree.files)), ...(await generatedValuesSources(files, tree.files))]
    : [];
  const sources = documents.filter((doc) => doc.kind === 'FluxSource' || doc.kind === 'ArtifactGenerator');
  const context: TargetContext = { tree, valuesSources, sources, repository };
  for (const doc of documents) {
    const result = await targetsOf(doc, context);
    findings.push(...result.findings);
    for (const target of result.targets) {
      // Folders the walk skipped (node_modules, dot folders) are asked for directly.
      const present = directorySet.has(target.path) || (await files.listDirectory(target.path)) !== undefined;
      if (!present) {
        const message = `${target.label}: folder ${showPath(target.path)} does not exist in this repository`;
        findings.push(discoveryFinding('warning', message, target.file, target.at));
        continue;
      }
      sightings.push(await targetSighting(target, exists));
    }
  }

  const merged = mergeSightings(sightings);
  const names = chooseNames(merged.map((sighting) => sighting.names));
  const environments = merged
    .map((sighting, i) => ({ name: names[i] as string, ...sighting.environment }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { environments, findings };
}

/** The front door's identity of the repository, plus the URLs `.kubeproof.yaml` gives. */
function withConfigUrls(
  repository: RepositoryIdentity | undefined,
  loaded: LoadConfigResult,
): RepositoryIdentity | undefined {
  const extra = loaded.config?.repository?.urls ?? [];
  if (extra.length === 0) return repository;
  const urls = [...(repository?.urls ?? []), ...extra];
  return { ...repository, urls, origin: repository?.origin ?? loaded.path ?? '.kubeproof.yaml' };
}

/**
 * The environments of a repository. When `.kubeproof.yaml` declares `environments`, those and only
 * those (source `config`). When the config file exists but cannot be read (invalid YAML, schema
 * violations), none: its findings say why, and guessing could check the wrong folders. Otherwise
 * they are discovered:
 * - kustomize overlay folders directly under `envs/`, `environments/`, `overlays/`, `clusters/` at
 *   any depth, and sibling overlays over a shared base wherever they are (shared-base-overlays.ts)
 *   (source `folder`, named as name-environments.ts explains);
 * - folders deployed by Argo CD Applications and ApplicationSets (list and git directory
 *   generators) whose repoURL is this repository, and by Flux Kustomizations whose source is
 *   built from it (flux-sources.ts); others are notices naming them. Without `options.repository`
 *   (nor `repository.urls` in the config) every source is taken to be this repository;
 *   Argo CD sources with `helm:` or a Chart.yaml are rendered with Helm and their settings;
 * - chart folders installed by Flux HelmReleases from a GitRepository or Bucket, with their
 *   values (`valuesFrom` read from the ConfigMaps and Secrets of the repository); a chart from
 *   elsewhere is a notice;
 * - one environment per folder (per folder and Helm settings); a folder named by a manifest but
 *   missing is a warning on the manifest's line.
 */
export async function discoverEnvironments(
  files: FileSource,
  /** The repository's config when the caller has read it already. */
  config?: LoadConfigResult,
  options: DiscoverOptions = {},
): Promise<DiscoverEnvironmentsResult> {
  const loaded = config ?? (await loadConfig(files));
  if (loaded.config?.environments) {
    const configPath = loaded.path ?? '.kubeproof.yaml';
    const environments = await configEnvironments(files, loaded.config.environments, configPath);
    return { environments, findings: loaded.findings };
  }
  if (!loaded.config && loaded.findings.some((finding) => finding.severity === 'error'))
    return { environments: [], findings: loaded.findings };
  const discovered = await discoverFromRepository(files, withConfigUrls(options.repository, loaded));
  return { environments: discovered.environments, findings: [...loaded.findings, ...discovered.findings] };
}
