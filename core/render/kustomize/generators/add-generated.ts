import type { BuildContext } from '../build-context.ts';
import type { TrackedResource } from '../build-types.ts';
import { generateResource } from './generator.ts';
import { mergeGenerated, mergedHashSuffix } from './generator-merge.ts';
import type { GeneratorArgs, GeneratorOptions } from './generator-types.ts';
import { appendResources, hasAnyId } from '../resource-ids.ts';

/**
 * Adds one generated ConfigMap or Secret to the resources, as kustomize's `behavior` says:
 * `create` adds it (an existing one of that id is an error), `merge` and `replace` change the
 * existing one of that name in place (a missing one is an error). Returns an error message.
 */
export async function addGenerated(
  context: BuildContext,
  kind: 'ConfigMap' | 'Secret',
  args: GeneratorArgs,
  globalOptions: GeneratorOptions | undefined,
  dir: string,
  origin: { path: string; line: number },
  resources: TrackedResource[],
): Promise<string | undefined> {
  const generated = await generateResource(kind, args, globalOptions, dir, context.files);
  if ('error' in generated) return generated.error;
  const behavior = args.behavior ?? 'create';
  if (behavior === 'create') {
    const tracked: TrackedResource = {
      object: generated.resource,
      origin,
      previous: [],
      prefixes: [],
      suffixes: [],
      generated: { hash: generated.hashSuffix },
    };
    return appendResources(resources, [tracked]);
  }
  const id = { group: '', kind, name: args.name, namespace: args.namespace ?? '' };
  const matches = resources.filter((tracked) => hasAnyId(tracked, id));
  const existing = matches[0];
  if (existing === undefined || matches.length > 1)
    return `${kind} ${args.name}: behavior ${behavior} needs exactly one existing ${kind} of that name (found ${matches.length})`;
  const merged = mergeGenerated(existing.object, generated.resource, behavior);
  existing.generated = { hash: mergedHashSuffix(existing.generated?.hash ?? false, generated.hashSuffix) };
  existing.object = merged;
  return undefined;
}
