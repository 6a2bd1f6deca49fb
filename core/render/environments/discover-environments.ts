import type { Finding } from '../../findings.ts';
import type { FileSource } from '../types.ts';
import { applicationTargets } from './argocd-application.ts';
import { applicationSetTargets } from './argocd-applicationset.ts';
import { configEnvironments } from './config-environments.ts';
import { detectRenderer, hasKustomization } from './detect-renderer.ts';
import { folderEnvironments } from './folder-environments.ts';
import { fluxKustomizationTargets } from './flux-kustomization.ts';
import { discoveryFinding, stringAt, type GitOpsTarget, type TargetsResult } from './gitops-target.ts';
import { loadConfig } from './load-config.ts';
import { chooseNames, declaredNameCandidates, folderNameCandidates } from './name-environments.ts';
import { showPath } from './repo-path.ts';
import { scanGitOpsManifests, type GitOpsDocument } from './scan-manifests.ts';
import type { Environment } from './types.ts';
import { walkRepository, type RepositoryTree } from './walk-repository.ts';

export interface DiscoverEnvironmentsResult {
  /** Sorted by name (config environments keep the config's order). */
  environments: Environment[];
  findings: Finding[];
}

/** One way an environment was found, before deduplication by path. */
interface Sighting {
  names: string[];
  environment: Omit<Environment, 'name'>;
}

function targetsOf(doc: GitOpsDocument, tree: RepositoryTree): TargetsResult {
  if (doc.kind === 'FluxKustomization') return fluxKustomizationTargets(doc);
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
  if (target.source === 'flux' && !(await hasKustomization(exists, target.path)))
    notes.push('no kustomization: Flux generates one over every manifest below the folder');
  const detail = [`${target.label} at ${target.file}:${target.at.line}`, ...notes].join(', ');
  const environment: Sighting['environment'] = {
    path: target.path,
    source: target.source,
    renderer,
    detail,
    declaredIn: [target.file],
  };
  if (renderer === 'helm') environment.helm = target.helm ?? { chart: target.path, valuesFiles: [] };
  return { names: declaredNameCandidates(target.name, target.path), environment };
}

const PRECEDENCE = { config: 0, folder: 1, argocd: 2, flux: 3 } as const;

/**
 * One environment per folder. The first sighting in precedence order (overlay folder, Argo CD,
 * Flux; then file and document order) gives the name, source and renderer; the others add their
 * detail, their manifest and, for Helm, their settings.
 */
function mergeByPath(sightings: Sighting[]): Sighting[] {
  const byPath = new Map<string, Sighting[]>();
  const ordered = [...sightings].sort(
    (a, b) => PRECEDENCE[a.environment.source] - PRECEDENCE[b.environment.source],
  );
  for (const sighting of ordered) {
    const list = byPath.get(sighting.environment.path) ?? [];
    list.push(sighting);
    byPath.set(sighting.environment.path, list);
  }
  return [...byPath.values()].map(([winner, ...others]) => {
    const first = winner as Sighting;
    const merged: Sighting = { names: first.names, environment: { ...first.environment } };
    const environment = merged.environment;
    const declaredIn = new Set(environment.declaredIn ?? []);
    const details = environment.detail === undefined ? [] : [environment.detail];
    for (const other of others) {
      for (const file of other.environment.declaredIn ?? []) declaredIn.add(file);
      if (other.environment.detail !== undefined && !details.includes(other.environment.detail))
        details.push(other.environment.detail);
      if (environment.renderer === 'helm' && !environment.helm && other.environment.helm)
        environment.helm = other.environment.helm;
    }
    if (declaredIn.size > 0) environment.declaredIn = [...declaredIn].sort();
    else delete environment.declaredIn;
    if (details.length > 0) environment.detail = details.join('; ');
    return merged;
  });
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

  for (const doc of await scanGitOpsManifests(files, tree.files)) {
    const result = targetsOf(doc, tree);
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

  const merged = mergeByPath(sightings);
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
 * - one environment per folder; a folder named by a manifest but missing is a warning on the
 *   manifest's line.
 */
export async function discoverEnvironments(files: FileSource): Promise<DiscoverEnvironmentsResult> {
  const loaded = await loadConfig(files);
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
