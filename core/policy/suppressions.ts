import { isJsonObject } from '../manifests/json-value.ts';
import type { RenderedResource } from '../render/kustomize/build-kustomization.ts';
import { isPolicyRule } from '../render/environments/check-policy-config.ts';
import type { PolicyHit } from './policy-context.ts';

/** The annotation that turns policy rules off for one resource: `rule-id[,rule-id]`. */
export const IGNORE_ANNOTATION = 'kubeproof.dev/ignore';
/** Why: required beside it. */
export const IGNORE_REASON_ANNOTATION = 'kubeproof.dev/ignore-reason';

const IGNORE_POINTER = `/metadata/annotations/${IGNORE_ANNOTATION.replaceAll('/', '~1')}`;

/** The rules a resource suppresses, and what is wrong with how it says so. */
export interface Suppression {
  rules: ReadonlySet<string>;
  /** `policy-ignore` hits: no reason given, or an id that is not a policy rule. */
  problems: PolicyHit[];
}

/**
 * Reads a resource's `kubeproof.dev/ignore`. Without `kubeproof.dev/ignore-reason` the rules are
 * still suppressed (the annotation is in the change, for the reviewer to see) and a `policy-ignore`
 * warning asks for the reason; an id that is not a policy rule suppresses nothing and gets one too.
 */
export function suppression(resource: RenderedResource, index: number): Suppression | undefined {
  const metadata = resource.object['metadata'];
  const annotations = isJsonObject(metadata) ? metadata['annotations'] : undefined;
  if (!isJsonObject(annotations)) return undefined;
  const written = annotations[IGNORE_ANNOTATION];
  if (typeof written !== 'string') return undefined;
  const ids = written
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const rules = new Set(ids.filter(isPolicyRule));
  const problems: PolicyHit[] = [];
  const at = { resource: index, pointer: IGNORE_POINTER };
  const reason = annotations[IGNORE_REASON_ANNOTATION];
  if (rules.size > 0 && (typeof reason !== 'string' || reason.trim() === ''))
    problems.push({
      ruleId: 'policy-ignore',
      ...at,
      message: `${IGNORE_ANNOTATION} turns off ${[...rules].join(', ')} without a ${IGNORE_REASON_ANNOTATION} annotation: say why beside it`,
    });
  for (const id of ids.filter((id) => !isPolicyRule(id)))
    problems.push({
      ruleId: 'policy-ignore',
      ...at,
      message: `${IGNORE_ANNOTATION} names ${JSON.stringify(id)}, which is not a policy rule (docs/rules.md): it suppresses nothing`,
    });
  return { rules, problems };
}
