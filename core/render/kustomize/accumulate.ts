import type { JsonValue } from '../../manifests/json-value.ts';
import { cached, pointerSegment, stopAt, type BuildContext } from './build-context.ts';
import { BuildStop, type TrackedResource } from './build-types.ts';
import { checkLocalPath } from './local-paths.ts';
import { loadResourceFile } from './load-resources.ts';
import { readKustomization, type KustomizationFile } from './read-kustomization.ts';
import { appendResources } from './resource-ids.ts';
import { rejectUnsupportedFields } from './unsupported-fields.ts';
import { runGenerators } from './generators/run-generators.ts';
import { runTransformers } from './transformers/run-transformers.ts';

/** Reads the kustomization of a folder, or stops the build at the entry that named the folder. */
async function loadKustomization(
  context: BuildContext,
  dir: string,
  expected: 'Kustomization' | 'Component',
  referrer?: { file: KustomizationFile; pointer: string },
): Promise<KustomizationFile> {
  const { file, findings } = await cached(context.cache.kustomizations, dir, () =>
    readKustomization(context.files, dir),
  );
  const first = findings[0];
  if (first) throw new BuildStop(first);
  if (file === undefined) {
    const message = `${dir || '.'}: no kustomization.yaml, kustomization.yml or Kustomization in this folder`;
    if (referrer) throw stopAt(referrer.file, referrer.pointer, message);
    throw new BuildStop({
      ruleId: 'kustomize-build',
      severity: 'error',
      message,
      path: dir || '.',
    });
  }
  if (file.kind !== expected) {
    const message =
      expected === 'Component'
        ? `${file.path} is a ${file.kind}, but components must be kind: Component`
        : `${file.path} is a Component: list it under components, not resources`;
    if (referrer) throw stopAt(referrer.file, referrer.pointer, message);
    throw stopAt(file, '/kind', message);
  }
  return file;
}

function stringList(file: KustomizationFile, field: string): string[] {
  const value: JsonValue | undefined = file.content[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw stopAt(file, `/${field}`, `${field} must be a list of paths`);
  return value as string[];
}

async function accumulateResources(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<void> {
  const entries = [
    ...stringList(file, 'resources').map((entry, index) => ({ entry, pointer: `/resources/${index}` })),
    ...stringList(file, 'bases').map((entry, index) => ({ entry, pointer: `/bases/${index}` })),
  ];
  for (const { entry, pointer } of entries) {
    const local = await checkLocalPath(context, file, pointer, entry, 'resource');
    let added: TrackedResource[];
    if (local.type === 'directory') {
      const sub = await loadKustomization(context, local.path, 'Kustomization', { file, pointer });
      added = await accumulateTarget(context, sub, []);
    } else {
      const { line } = file.locate(pointer);
      added = await loadResourceFile(context, local.path, file.path, line);
    }
    const conflict = appendResources(resources, added);
    if (conflict !== undefined) throw stopAt(file, pointer, conflict);
  }
}

async function accumulateComponents(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<TrackedResource[]> {
  let current = resources;
  for (const [index, entry] of stringList(file, 'components').entries()) {
    const pointer = `/components/${pointerSegment(index)}`;
    const local = await checkLocalPath(context, file, pointer, entry, 'component');
    if (local.type !== 'directory')
      throw stopAt(
        file,
        pointer,
        `component ${entry} must be a folder with a kustomization of kind Component`,
      );
    const component = await loadKustomization(context, local.path, 'Component', { file, pointer });
    current = await accumulateTarget(context, component, current);
  }
  return current;
}

/**
 * kustomize's AccumulateTarget: the resources of a kustomization (files, nested kustomizations),
 * then its components, generators and transformers, in kustomize's order. `initial` are the
 * resources a component works on (empty for a kustomization). Stops with a BuildStop.
 */
export async function accumulateTarget(
  context: BuildContext,
  file: KustomizationFile,
  initial: TrackedResource[],
): Promise<TrackedResource[]> {
  if (context.stack.includes(file.dir))
    throw stopAt(file, '', `cycle: ${[...context.stack, file.dir].join(' -> ')} includes itself`);
  context.stack.push(file.dir);
  try {
    rejectUnsupportedFields(context, file);
    const own: TrackedResource[] = [...initial];
    await accumulateResources(context, file, own);
    const withComponents = await accumulateComponents(context, file, own);
    const generated = await runGenerators(context, file, withComponents);
    return await runTransformers(context, file, generated);
  } finally {
    context.stack.pop();
  }
}

/** Loads the kustomization of a folder to build it (the top of a build). */
export async function loadRootKustomization(context: BuildContext, dir: string): Promise<KustomizationFile> {
  // kustomize builds a Component folder on its own too, as if it were a Kustomization.
  const { file } = await cached(context.cache.kustomizations, dir, () =>
    readKustomization(context.files, dir),
  );
  return loadKustomization(context, dir, file?.kind === 'Component' ? 'Component' : 'Kustomization');
}
