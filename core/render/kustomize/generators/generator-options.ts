import type { GeneratorOptions } from './generator-types.ts';

function mergeMaps(
  local: Record<string, string> | undefined,
  global: Record<string, string> | undefined,
): Record<string, string> | undefined {
  if (local === undefined && global === undefined) return undefined;
  return { ...global, ...local };
}

/**
 * The options one generator entry runs with: its own `options` over the kustomization's
 * `generatorOptions`, as kustomize's MergeGlobalOptionsIntoLocal does. A label or annotation set
 * in both takes the entry's value; `disableNameSuffixHash` and `immutable` are true when either
 * side sets them (an entry's `false` does not undo a global `true`).
 */
export function mergeGeneratorOptions(
  local: GeneratorOptions | undefined,
  global: GeneratorOptions | undefined,
): GeneratorOptions {
  const merged: GeneratorOptions = {};
  const labels = mergeMaps(local?.labels, global?.labels);
  if (labels !== undefined) merged.labels = labels;
  const annotations = mergeMaps(local?.annotations, global?.annotations);
  if (annotations !== undefined) merged.annotations = annotations;
  if (local?.disableNameSuffixHash === true || global?.disableNameSuffixHash === true)
    merged.disableNameSuffixHash = true;
  if (local?.immutable === true || global?.immutable === true) merged.immutable = true;
  return merged;
}
