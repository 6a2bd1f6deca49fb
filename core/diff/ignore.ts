/**
 * Noise control: resources and fields the config says not to compare.
 */
import type { JsonValue } from '../manifests/resolve-scalar.ts';
import type { JsonObject } from '../render/types.ts';
import type { ResolvedDiffOptions, ResourceSelector } from './diff-options.ts';
import { deletePath } from './object-path.ts';
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

/** Removes the `ignorePaths` fields from a resource, in place; empty `labels`/`annotations` left behind go too. */
export function removeIgnoredPaths(object: JsonObject, options: ResolvedDiffOptions): void {
  const kind = object.kind;
  for (const path of options.ignorePaths) {
    if (path.kind !== undefined && path.kind !== kind) continue;
    deletePath(object as JsonValue, path.segments);
  }
  const metadata = object.metadata;
  if (
    options.ignorePaths.length === 0 ||
    metadata === null ||
    typeof metadata !== 'object' ||
    Array.isArray(metadata)
  )
    return;
  for (const field of ['labels', 'annotations']) {
    const value = metadata[field];
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).length === 0
    )
      delete metadata[field];
  }
}
