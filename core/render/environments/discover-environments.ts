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
import { scanGitOpsManifests, type GitOpsDocument } from './scan-manifests.ts';
import type { Environment } from './types.ts';
import { scanValuesSources, type ValuesSource } from './values-sources.ts';
import { walkRepository, type RepositoryTree } from './walk-repository.ts';

export interface DiscoverEnvironmentsResult {
  /** Sorted by name (config environments keep the config's order). */
  environments: Environment[];
  findings: Finding[];
}

async function targetsOf(
  doc: GitOpsDocument,
  tree: RepositoryTree,
  valuesSources: readonly ValuesSource[],
): Promise<TargetsResult> {
  if (doc.kind === 'FluxKustomization') return fluxKustomizationTargets(doc);
  if (doc.kind === 'HelmRelease') return fluxHelmReleaseTargets(doc, valuesSources);
  if (doc.kind === 'ApplicationSet') return applicationSetTargets(doc, tree.directories);
  const name = stringAt(doc.content['metadata'], 'name');
  if (name === undefined) return { targets: [], findings: [] };
  return applicationTargets(name, doc.content['spec'], {
    file: doc.file,
    at: (index, multiple) => doc.locate(multiple ? `/spec/sources/${index}/path` : '/spec/source/path'),
    label: `Argo CD Application ${name}`,
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
  };
  if (renderer === 'helm') environment.helm = target.helm ?? { chart: target.path, valuesFiles: [] };
  return { names: declaredNameCandidates(target.name, target.path, target.otherNames), environment };
}

/** Discovery over the repository's folders and GitOps manifests (no config, or no environments in it). */
async function discoverFromRepository(files: FileSource): Promise<DiscoverEnvironmentsResult> {
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

  const documents = await scanGitOpsManifests(files, tree.files);
  // ConfigMaps and Secrets are read only when a HelmRelease asks for them.
  const valuesSources = documents.some((doc) => doc.kind === 'HelmRelease' && readsValuesFrom(doc))
    ? [...(await scanValuesSources(files, tree.files)), ...(await generatedValuesSources(files, tree.files))]
    : [];
  for (const doc of documents) {
    const result = await targetsOf(doc, tree, valuesSources);
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

/**
 * The environments of a repository. When `.kubeproof.yaml` declares `environments`, those and only
 * those (source `config`). When the config file exists but cannot be read (invalid YAML, schema
 * violations), none: its findings say why, and guessing could check the wrong folders. Otherwise
 * they are discovered:
 * - kustomize overlay folders directly under `envs/`, `environments/`, `overlays/`, `clusters/` at
 *   any depth (source `folder`, named as name-environments.ts explains);
 * - folders deployed by Argo CD Applications and ApplicationSets (list and git directory
 *   generators) and Flux Kustomizations, every relative path taken to be in this repository;
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
): Promise<DiscoverEnvironmentsResult> {
  const loaded = config ?? (await loadConfig(files));
  if (loaded.config?.environments) {
    const configPath = loaded.path ?? '.kubeproof.yaml';
    const environments = await configEnvironments(files, loaded.config.environments, configPath);
    return { environments, findings: loaded.findings };
  }
  if (!loaded.config && loaded.findings.some((finding) => finding.severity === 'error'))
    return { environments: [], findings: loaded.findings };
  const discovered = await discoverFromRepository(files);
  return { environments: discovered.environments, findings: [...loaded.findings, ...discovered.findings] };
}
