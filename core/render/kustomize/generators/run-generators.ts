import { stopAt, type BuildContext } from '../build-context.ts';
import { addGenerated } from './add-generated.ts';
import type { TrackedResource } from '../build-types.ts';
import { parseGeneratorArgs, parseGeneratorOptions } from './generator-args.ts';
import { runGeneratorPlugins } from '../builtin-plugins.ts';
import { listField } from '../kustomization-fields.ts';
import type { KustomizationFile } from '../read-kustomization.ts';

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
    for (const [index, entry] of listField(file, field).entries()) {
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
