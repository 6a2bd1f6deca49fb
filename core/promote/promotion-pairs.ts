/**
 * Which environments a `promote --from SRC --to DST` pairs: the environments named SRC and DST;
 * else, for environments named `APP/STAGE` (`apps/<app>/envs/<stage>`), every app's SRC stage with
 * its DST stage (or only `app`'s). Without DST, the stage after SRC in `promotion.order`.
 */
import type { Environment } from '../render/environments/types.ts';
import type { PromotionPair } from './plan-promotion.ts';

export type PairsResult =
  { ok: true; pairs: PromotionPair[]; notes: string[] } | { ok: false; message: string };

export function promotionPairs(
  environments: readonly Environment[],
  from: string,
  to: string | undefined,
  app: string | undefined,
  order: readonly string[] = [],
): PairsResult {
  let target = to;
  if (target === undefined) {
    const index = order.indexOf(from);
    target = index === -1 ? undefined : order[index + 1];
    if (target === undefined)
      return { ok: false, message: `give --to: ${from} has no next environment in promotion.order` };
  }
  if (from === target) return { ok: false, message: '--from and --to name the same environment' };
  const names = new Set(environments.map((environment) => environment.name));
  if (app === undefined && names.has(from) && names.has(target))
    return { ok: true, pairs: [{ source: from, target }], notes: [] };
  const pairs: PromotionPair[] = [];
  const notes: string[] = [];
  const apps = new Set<string>();
  for (const name of names) {
    const slash = name.lastIndexOf('/');
    if (slash === -1) continue;
    const stage = name.slice(slash + 1);
    if (stage === from || stage === target) apps.add(name.slice(0, slash));
  }
  for (const each of [...apps].sort()) {
    if (app !== undefined && each !== app) continue;
    const source = `${each}/${from}`;
    const destination = `${each}/${target}`;
    if (names.has(source) && names.has(destination)) pairs.push({ source, target: destination });
    else
      notes.push(
        `${each}: no ${names.has(source) ? destination : source} environment, nothing promoted for it`,
      );
  }
  if (pairs.length === 0) {
    const known = [...names].sort().join(', ') || 'none';
    const what = app === undefined ? `${from} and ${target}` : `${app}/${from} and ${app}/${target}`;
    return {
      ok: false,
      message: `no environments ${what} (environments: ${known}); see kubeproof environments`,
    };
  }
  return { ok: true, pairs, notes };
}
