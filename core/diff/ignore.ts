/**
 * Noise control: resources and fields the config says not to compare.
 */
import { type JsonObject, isJsonObject } from '../manifests/json-value.ts';
import type { ResolvedDiffOptions, ResourceSelector } from './diff-options.ts';
import { deletePath, selectPath, valueAt } from './object-path.ts';
import type { ResourceIdentity } from './resource-identity.ts';

/** Whether a text matches a pattern where `*` is any run of characters and `?` any one character. */
export function globMatch(pattern: string, text: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === text;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

function selects(selector: ResourceSelector, identity: ResourceIdentity): boolean {
  if (selector.kind !== undefined && !globMatch(selector.kind, identity.kind)) return false;
  if (selector.name !== undefined && !globMatch(selector.name, identity.name)) return false;
  if (selector.namespace !== undefined && !globMatch(selector.namespace, identity.namespace)) return false;
  if (selector.group !== undefined) {
    const target = selector.group.includes('/') ? identity.apiVersion : identity.group;
    if (!globMatch(selector.group, target)) return false;
  }
  return true;
}

/** Whether one of the `ignoreResources` selectors selects the resource. */
export function isIgnoredResource(identity: ResourceIdentity, options: ResolvedDiffOptions): boolean {
  return options.ignoreResources.some((selector) => selects(selector, identity));
}

/**
 * Removes the `ignorePaths` fields from a resource, in place. An object the removal leaves empty
 * (`annotations: {}` after its only annotation went) goes too, so it does not show as a change.
 */
export function removeIgnoredPaths(object: JsonObject, options: ResolvedDiffOptions): void {
  for (const path of options.ignorePaths) {
    if (path.kind !== undefined && path.kind !== object.kind) continue;
    const parents = selectPath(object, path.segments.slice(0, -1)).filter((match) => {
      const value = valueAt(match);
      return isJsonObject(value) && Object.keys(value).length > 0;
    });
    if (deletePath(object, path.segments) === 0) continue;
    for (const parent of parents.reverse()) {
      const value = valueAt(parent);
      if (!isJsonObject(value) || Object.keys(value).length > 0 || parent.steps.length === 0) continue;
      if (Array.isArray(parent.parent)) continue;
      delete parent.parent[parent.key as string];
    }
  }
}
