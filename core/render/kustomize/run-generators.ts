import type { JsonValue } from '../../manifests/resolve-scalar.ts';
import { stopAt, type BuildContext } from './build-context.ts';
import { addGenerated } from './add-generated.ts';
import type { TrackedResource } from './build-types.ts';
import { parseGeneratorArgs, parseGeneratorOptions } from './generator-args.ts';
import { runGeneratorPlugins } from './builtin-plugins.ts';
import type { KustomizationFile } from './read-kustomization.ts';

function entries(file: KustomizationFile, field: string): JsonValue[] {
  const value = file.content[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw stopAt(file, `/${field}`, `${field} must be a list`);
  return value;
}

/** kustomize's runGenerators: configMapGenerator, secretGenerator, then `generators:` entries. */
export async function runGenerators(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<TrackedResource[]> {
  const options = parseGeneratorOptions(file.content['generatorOptions']);
  if ('error' in options) throw stopAt(file, '/generatorOptions', options.error);
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const [index, entry] of entries(file, field).entries()) {
      const pointer = `/${field}/${index}`;
      const args = parseGeneratorArgs(entry);
      if ('error' in args) throw stopAt(file, pointer, `${field}: ${args.error}`);
      const { line } = file.locate(pointer);
      const error = await addGenerated(
        context,
        kind,
        args,
        options,
        file.dir,
        { path: file.path, line },
        resources,
      );
      if (error !== undefined) throw stopAt(file, pointer, error);
    }
  }
  await runGeneratorPlugins(context, file, resources);
  return resources;
}
