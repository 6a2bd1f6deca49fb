/**
 * Which promotions a push to the default branch starts: each environment the push changed, to the
 * environment after it (`promotion.order`, or the `promotion.auto` pairs). Pure; the front doors
 * (the promote action, the App) open the pull requests through platform/promote-after-push.ts.
 */
import type { PromotionConfig } from '../render/environments/types.ts';
import type { PromotionCommand } from './prepare-promotion.ts';

/** One promotion a push starts: from the changed environment `source` to `target`. */
export interface PushedPromotion {
  source: string;
  target: string;
  command: Extract<PromotionCommand, { command: 'promote' }>;
}

export interface PushedPromotions {
  promotions: PushedPromotion[];
  /** Why a changed environment starts no promotion (the last of the order, no pair from it). */
  notes: string[];
}

/** `api/dev` -> `{ app: 'api', stage: 'dev' }`: the names `apps/<app>/envs/<stage>` gets. */
function split(name: string): { app: string; stage: string } | undefined {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? undefined : { app: name.slice(0, slash), stage: name.slice(slash + 1) };
}

/** The stages (or environments) `from` goes to, by `promotion.auto` or, when it is `true`, the order. */
function targetsOf(
  from: string,
  settings: PromotionConfig,
  auto: true | readonly { from: string; to: string }[],
) {
  if (auto !== true) return auto.filter((pair) => pair.from === from).map((pair) => pair.to);
  const order = settings.order ?? [];
  const index = order.indexOf(from);
  const next = index === -1 ? undefined : order[index + 1];
  return next === undefined ? [] : [next];
}

/** Whether the settings name `name` itself (not as the stage of an APP/STAGE environment). */
function namedDirectly(name: string, settings: PromotionConfig): boolean {
  const auto = Array.isArray(settings.auto) ? settings.auto.map((pair) => pair.from) : [];
  return (settings.order ?? []).includes(name) || auto.includes(name);
}

/**
 * The promotions for the environments `changed` (names, in the order given), among the
 * environments `names`. `promotion.auto` decides; when it is not set, `autoByDefault` does: the
 * promote action runs because a workflow asked for it (true), the App only when the config says so.
 */
export function pushedPromotions(
  changed: readonly string[],
  names: readonly string[],
  settings: PromotionConfig,
  autoByDefault: boolean,
): PushedPromotions {
  const auto = settings.auto ?? autoByDefault;
  if (auto === false) {
    const why = settings.auto === false ? 'promotion.auto is false' : 'promotion.auto is not set';
    return changed.length === 0
      ? { promotions: [], notes: [] }
      : { promotions: [], notes: [`${why}: nothing is promoted after a push`] };
  }
  if (auto === true && (settings.order ?? []).length === 0)
    return changed.length === 0
      ? { promotions: [], notes: [] }
      : {
          promotions: [],
          notes: ['promotion.order is not set: kubeproof does not know which environment comes next'],
        };
  const known = new Set(names);
  const promotions: PushedPromotion[] = [];
  const notes: string[] = [];
  for (const name of changed) {
    const parts = namedDirectly(name, settings) ? undefined : split(name);
    const from = parts?.stage ?? name;
    const targets = targetsOf(from, settings, auto);
    if (targets.length === 0) {
      notes.push(
        auto === true
          ? `${name}: ${(settings.order ?? []).includes(from) ? 'the last environment of promotion.order' : 'not in promotion.order'}, not promoted`
          : `${name}: no promotion.auto pair from ${from}, not promoted`,
      );
      continue;
    }
    for (const to of targets) {
      const target = parts === undefined ? to : `${parts.app}/${to}`;
      if (!known.has(target)) {
        notes.push(`${name}: there is no environment ${target} to promote it to`);
        continue;
      }
      if (promotions.some((each) => each.source === name && each.target === target)) continue;
      promotions.push({
        source: name,
        target,
        command: {
          command: 'promote',
          from,
          to,
          images: [],
          ...(parts === undefined ? {} : { app: parts.app }),
        },
      });
    }
  }
  return { promotions, notes };
}
