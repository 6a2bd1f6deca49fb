/**
 * The promotion use case on a repository's files, written once for every front door (`kubeproof
 * bump` and `promote`, `promote --open-pr`, the promote action, the App's `/kubeproof promote`):
 * read the config, discover the environments, pair source and target, plan the edits. Nothing is
 * written here; the front door writes the plan's files or commits them in a pull request.
 */
import type { FileSource } from '../files/file-source.ts';
import type { Finding } from '../findings.ts';
import { discoverEnvironments } from '../render/environments/discover-environments.ts';
import { loadConfig } from '../render/environments/load-config.ts';
import type { RepositoryIdentity } from '../render/environments/repository-identity.ts';
import { walkRepository } from '../render/environments/walk-repository.ts';
import { planPromotion, type PromotionPair, type PromotionPlan } from './plan-promotion.ts';
import { promotionPairs } from './promotion-pairs.ts';

export type PromotionCommand =
  | { command: 'bump'; env: string; image: string; tag: string; digest?: string }
  | {
      command: 'promote';
      from: string;
      /** Default: the environment after `from` in `promotion.order`. */
      to?: string;
      images: string[];
      app?: string;
      /** An explicit version instead of the source's (a rollback). */
      tag?: string;
      digest?: string;
    };

export type PreparedPromotion =
  | {
      ok: true;
      plan: PromotionPlan;
      /** The pairs planned: for a promotion pull request, its source and target. */
      pairs: PromotionPair[];
      /** Said about the pairing (an app without the stage, for instance). */
      notes: string[];
      /** What to show: the config's findings (warnings; an error stops it) and discovery's errors. */
      findings: Finding[];
    }
  | {
      ok: false;
      /** `config`: the config has errors; `request`: the request names what is not there. */
      reason: 'config' | 'request';
      message: string;
      findings: Finding[];
    };

/**
 * Plans a bump or a promotion on `files`. A config with errors plans nothing (its findings say why);
 * so does a request naming an environment that is not there.
 */
export async function preparePromotion(
  files: FileSource,
  request: PromotionCommand,
  options: { repository?: RepositoryIdentity } = {},
): Promise<PreparedPromotion> {
  const loaded = await loadConfig(files);
  const configPath = loaded.path ?? '.kubeproof.yaml';
  if (loaded.findings.some((finding) => finding.severity === 'error'))
    return {
      ok: false,
      reason: 'config',
      message: `${configPath} has errors: fix them first; nothing was written`,
      findings: loaded.findings,
    };
  const discovered = await discoverEnvironments(
    files,
    loaded,
    options.repository ? { repository: options.repository } : {},
  );
  const findings = [
    ...loaded.findings,
    ...discovered.findings.filter((finding) => finding.severity === 'error'),
  ];
  const settings = loaded.config?.promotion ?? {};
  const names = discovered.environments.map((environment) => environment.name);
  let pairs: PromotionPair[];
  let notes: string[] = [];
  if (request.command === 'bump') {
    if (!names.includes(request.env))
      return {
        ok: false,
        reason: 'request',
        message: `${JSON.stringify(request.env)} is not an environment (environments: ${names.join(', ') || 'none'}); see kubeproof environments`,
        findings,
      };
    pairs = [{ target: request.env }];
  } else {
    const found = promotionPairs(
      discovered.environments,
      request.from,
      request.to,
      request.app,
      settings.order,
    );
    if (!found.ok) return { ok: false, reason: 'request', message: found.message, findings };
    pairs = found.pairs;
    notes = found.notes;
  }
  const images = request.command === 'bump' ? [request.image] : request.images;
  const tag = request.tag;
  const version = tag === undefined ? undefined : { tag, digest: request.digest ?? '' };
  const tree = await walkRepository(files);
  const plan = await planPromotion(discovered.environments, files, tree.files, {
    pairs,
    images,
    ...(version ? { version } : {}),
    settings,
  });
  return { ok: true, plan, pairs, notes, findings };
}
