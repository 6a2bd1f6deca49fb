import type { Environment, HelmSettings } from './types.ts';
import { isJsonObject } from '../../manifests/json-value.ts';

/** One way an environment was found, before sightings of the same environment are merged. */
export interface Sighting {
  /** Name candidates, best first (name-environments.ts). */
  names: string[];
  environment: Omit<Environment, 'name'>;
}

const PRECEDENCE = { config: 0, folder: 1, argocd: 2, flux: 3 } as const;

/** Object keys sorted, so that equal settings give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isJsonObject(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/**
 * What makes two sightings the same environment: the folder, and for Helm the settings too (two
 * releases of one chart with different values are two environments), for an Argo CD directory
 * source the files it reads (recurse, include, exclude).
 */
function identity(environment: Sighting['environment']): string {
  // Two Argo CD directory sources of one folder that read different files are two environments.
  if (environment.renderer === 'none' && environment.directory)
    return `${environment.path}\n${stableJson(environment.directory)}`;
  if (environment.renderer !== 'helm') return environment.path;
  const helm: HelmSettings = environment.helm ?? { chart: environment.path, valuesFiles: [] };
  return `${environment.path}\n${stableJson(helm)}`;
}

/**
 * One environment per folder (per folder and Helm settings). The first sighting in precedence
 * order (overlay folder, Argo CD, Flux; then file and document order) gives the name, source and
 * renderer; the others add their detail and their manifests.
 */
export function mergeSightings(sightings: Sighting[]): Sighting[] {
  const byIdentity = new Map<string, Sighting[]>();
  const ordered = [...sightings].sort(
    (a, b) => PRECEDENCE[a.environment.source] - PRECEDENCE[b.environment.source],
  );
  for (const sighting of ordered) {
    const key = identity(sighting.environment);
    const list = byIdentity.get(key) ?? [];
    list.push(sighting);
    byIdentity.set(key, list);
  }
  return [...byIdentity.values()].map(([winner, ...others]) => {
    const first = winner as Sighting;
    const merged: Sighting = { names: first.names, environment: { ...first.environment } };
    const environment = merged.environment;
    const declaredIn = new Set(environment.declaredIn ?? []);
    const generatedBy = new Set(environment.generatedBy ?? []);
    const details = environment.detail === undefined ? [] : [environment.detail];
    for (const other of others) {
      for (const file of other.environment.declaredIn ?? []) declaredIn.add(file);
      for (const file of other.environment.generatedBy ?? []) generatedBy.add(file);
      if (other.environment.detail !== undefined && !details.includes(other.environment.detail))
        details.push(other.environment.detail);
    }
    if (declaredIn.size > 0) environment.declaredIn = [...declaredIn].sort();
    else delete environment.declaredIn;
    // An ApplicationSet that also declares it otherwise (an Application in the same file) is a plain declaration.
    for (const sighting of [first, ...others]) {
      const generated = sighting.environment.generatedBy ?? [];
      for (const file of sighting.environment.declaredIn ?? [])
        if (!generated.includes(file)) generatedBy.delete(file);
    }
    if (generatedBy.size > 0) environment.generatedBy = [...generatedBy].sort();
    else delete environment.generatedBy;
    if (details.length > 0) environment.detail = details.join('; ');
    return merged;
  });
}
