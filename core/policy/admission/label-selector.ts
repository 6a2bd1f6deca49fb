/**
 * Kubernetes label selectors (matchLabels and matchExpressions with In, NotIn, Exists,
 * DoesNotExist), as namespaceSelector, objectSelector and paramRef.selector use them
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements).
 */
import { isJsonObject, type JsonValue } from '../../manifests/json-value.ts';

export type Labels = Readonly<Record<string, string>>;

/** The string labels of an object's metadata. */
export function labelsOf(object: JsonValue | undefined): Labels {
  const metadata = isJsonObject(object) ? object['metadata'] : undefined;
  const labels = isJsonObject(metadata) ? metadata['labels'] : undefined;
  const out: Record<string, string> = {};
  if (isJsonObject(labels))
    for (const [key, value] of Object.entries(labels)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** Why a selector is malformed, or undefined when it is well formed (or absent). */
export function selectorProblem(selector: JsonValue | undefined): string | undefined {
  if (selector === undefined || selector === null) return undefined;
  if (!isJsonObject(selector)) return 'a label selector must be a mapping';
  const expressions = selector['matchExpressions'];
  if (expressions !== undefined && !Array.isArray(expressions)) return 'matchExpressions must be a list';
  for (const expression of Array.isArray(expressions) ? expressions : []) {
    if (!isJsonObject(expression) || typeof expression['key'] !== 'string')
      return 'each matchExpression needs a key';
    const operator = expression['operator'];
    if (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist')
      return `matchExpression operator ${JSON.stringify(operator)} is not In, NotIn, Exists or DoesNotExist`;
  }
  return undefined;
}

/** Whether the labels satisfy the selector; an absent or empty selector matches everything. */
export function selectorMatches(selector: JsonValue | undefined, labels: Labels): boolean {
  if (!isJsonObject(selector)) return true;
  const matchLabels = selector['matchLabels'];
  if (isJsonObject(matchLabels))
    for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== value) return false;
  const expressions = selector['matchExpressions'];
  for (const expression of Array.isArray(expressions) ? expressions : []) {
    if (!isJsonObject(expression)) return false;
    const key = String(expression['key']);
    const values = Array.isArray(expression['values']) ? expression['values'].map(String) : [];
    const has = Object.hasOwn(labels, key);
    const operator = expression['operator'];
    if (operator === 'In' && !(has && values.includes(labels[key] as string))) return false;
    if (operator === 'NotIn' && has && values.includes(labels[key] as string)) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}
