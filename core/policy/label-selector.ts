import { isJsonObject } from '../manifests/json-value.ts';
import { stringMap } from './pod-specs.ts';

/**
 * Whether a LabelSelector (`matchLabels`, `matchExpressions` with In, NotIn, Exists, DoesNotExist)
 * selects these labels; an empty selector selects everything, as the API server reads it
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements).
 * An operator it does not know selects nothing.
 */
export function selectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isJsonObject(selector)) return true;
  for (const [key, value] of Object.entries(stringMap(selector['matchLabels'])))
    if (labels[key] !== value) return false;
  const expressions = selector['matchExpressions'];
  if (!Array.isArray(expressions)) return true;
  for (const expression of expressions) {
    if (!isJsonObject(expression) || typeof expression['key'] !== 'string') return false;
    const key = expression['key'];
    const values = Array.isArray(expression['values']) ? expression['values'] : [];
    const has = Object.hasOwn(labels, key);
    const operator = expression['operator'];
    if (operator === 'In' && !(has && values.includes(labels[key] ?? ''))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key] ?? '')) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(operator))) return false;
  }
  return true;
}

/** Whether every label of a plain map selector (a Service's, a ReplicationController's) is on the pod. */
export function mapSelectorMatches(
  selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * Whether two namespaces may be the same: a resource without one gets the namespace it is applied
 * to, which the repository does not say, so it may be any.
 */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}
