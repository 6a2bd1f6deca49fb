/**
 * Names of discovered environments, unique within the repository.
 *
 * A kustomize overlay folder is named by its folder (`envs/prod` -> `prod`). When names collide,
 * each colliding folder that can takes one more parent segment, skipping the container folders
 * (`envs`, `environments`, `overlays`, `clusters`), until the names differ: `envs/prod` and
 * `apps/web/overlays/prod` become `prod` and `web/prod`; `apps/web/overlays/prod` and
 * `apps/api/overlays/prod` become `web/prod` and `api/prod`. When that cannot separate them
 * (`envs/prod` and `environments/prod`), they are named by their full path.
 *
 * Argo CD and Flux environments keep the name their tool shows; on a collision, a Flux HelmRelease
 * first tries `namespace/name`, and then they become `name@path`. Names that still collide (two
 * releases of one chart, same name, different settings) get `-2`, `-3`... in order.
 */

/** The folders that hold one folder per environment. */
export const ENVIRONMENT_CONTAINERS = new Set(['envs', 'environments', 'overlays', 'clusters']);

/** Names to try, best first; the last one is unique by construction. */
export function folderNameCandidates(path: string): string[] {
  const segments = path.split('/').filter((segment) => !ENVIRONMENT_CONTAINERS.has(segment));
  const names: string[] = [];
  for (let length = 1; length <= segments.length; length++) names.push(segments.slice(-length).join('/'));
  if (names.at(-1) !== path) names.push(path);
  return names;
}

/** A declared name, then `others` (`namespace/name`), then `name@path`. */
export function declaredNameCandidates(name: string, path: string, others: readonly string[] = []): string[] {
  return [name, ...others, `${name}@${path}`];
}

/** Picks one name per entry from its candidates so that all names differ. */
export function chooseNames(candidates: string[][]): string[] {
  const index = candidates.map(() => 0);
  const current = (i: number): string => candidates[i]?.[index[i] as number] ?? '';
  for (let changed = true; changed;) {
    changed = false;
    const groups = new Map<string, number[]>();
    for (let i = 0; i < candidates.length; i++) {
      const group = groups.get(current(i)) ?? [];
      group.push(i);
      groups.set(current(i), group);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      const last = (i: number): number => (candidates[i]?.length ?? 1) - 1;
      // Grow the ones that still have a better name than their last resort...
      const growable = group.filter((i) => (index[i] as number) < last(i) - 1);
      // ...else send every member to its last resort.
      const moving = growable.length > 0 ? growable : group.filter((i) => index[i] !== last(i));
      for (const i of moving) index[i] = growable.length > 0 ? (index[i] as number) + 1 : last(i);
      if (moving.length > 0) changed = true;
    }
  }
  const taken = new Set<string>();
  return candidates.map((_, i) => {
    let name = current(i);
    for (let n = 2; taken.has(name); n++) name = `${current(i)}-${n}`;
    taken.add(name);
    return name;
  });
}
