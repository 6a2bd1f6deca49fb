import { type JsonObject, isJsonObject, scalarString } from '../../manifests/json-value.ts';
import { addGenerated } from './generators/add-generated.ts';
import { stopAt, type BuildContext } from './build-context.ts';
import { textOf, type TrackedResource } from './build-types.ts';
import { parseGeneratorArgs } from './generators/generator-args.ts';
import {
  applyResult,
  objects,
  parseFieldSpecs,
  parseImageSpec,
  parseReplicaSpec,
  stringMapField,
} from './kustomization-fields.ts';
import { applyPatchEntry } from './load-patch.ts';
import { loadPluginConfigs, type PluginConfig } from './plugin-configs.ts';
import type { KustomizationFile } from './read-kustomization.ts';
import { loadReplacements, runReplacementList } from './replacements/run-replacements.ts';
import { transformAnnotations } from './transformers/transform-annotations.ts';
import { transformImages } from './transformers/transform-images.ts';
import { transformLabels } from './transformers/transform-labels.ts';
import { transformNamespace } from './transformers/transform-namespace.ts';
import { transformPrefixSuffix } from './transformers/transform-prefix-suffix.ts';
import { transformReplicas } from './transformers/transform-replicas.ts';

type Run = (
  context: BuildContext,
  file: KustomizationFile,
  plugin: PluginConfig,
  resources: TrackedResource[],
) => Promise<void> | void;

function affix(
  file: KustomizationFile,
  plugin: PluginConfig,
  resources: TrackedResource[],
  prefix: string,
  suffix: string,
): void {
  const { config, pointer } = plugin;
  const fieldSpecs = parseFieldSpecs(file, pointer, config['fieldSpecs']);
  const result = transformPrefixSuffix(objects(resources), {
    prefix,
    suffix,
    ...(fieldSpecs ? { fieldSpecs } : {}),
  });
  applyResult(file, pointer, resources, result);
  for (const rename of result.renames) {
    const tracked = resources[rename.index] as TrackedResource;
    if (prefix !== '') tracked.prefixes.push(prefix);
    if (suffix !== '') tracked.suffixes.push(suffix);
  }
}

const TRANSFORMERS: Record<string, Run> = {
  LabelTransformer(_context, file, { config, pointer }, resources) {
    const fieldSpecs = parseFieldSpecs(file, pointer, config['fieldSpecs']) ?? [];
    const labels = stringMapField(file, pointer, config['labels']);
    applyResult(file, pointer, resources, transformLabels(objects(resources), labels, { fieldSpecs }));
  },
  AnnotationsTransformer(_context, file, { config, pointer }, resources) {
    const fieldSpecs = parseFieldSpecs(file, pointer, config['fieldSpecs']) ?? [];
    const annotations = stringMapField(file, pointer, config['annotations']);
    applyResult(file, pointer, resources, transformAnnotations(objects(resources), annotations, fieldSpecs));
  },
  NamespaceTransformer(_context, file, { config, pointer }, resources) {
    const metadata = isJsonObject(config['metadata']) ? config['metadata'] : {};
    const fieldSpecs = parseFieldSpecs(file, pointer, config['fieldSpecs']);
    const subjects = scalarString(config['setRoleBindingSubjects']);
    const result = transformNamespace(objects(resources), textOf(metadata['namespace']), {
      ...(fieldSpecs ? { fieldSpecs } : {}),
      unsetOnly: config['unsetOnly'] === true,
      ...(subjects === 'allServiceAccounts' || subjects === 'none' || subjects === 'defaultOnly'
        ? { setRoleBindingSubjects: subjects }
        : {}),
    });
    applyResult(file, pointer, resources, result);
  },
  PrefixSuffixTransformer(_context, file, plugin, resources) {
    affix(
      file,
      plugin,
      resources,
      scalarString(plugin.config['prefix']) ?? '',
      scalarString(plugin.config['suffix']) ?? '',
    );
  },
  PrefixTransformer(_context, file, plugin, resources) {
    affix(file, plugin, resources, scalarString(plugin.config['prefix']) ?? '', '');
  },
  SuffixTransformer(_context, file, plugin, resources) {
    affix(file, plugin, resources, '', scalarString(plugin.config['suffix']) ?? '');
  },
  ImageTagTransformer(_context, file, { config, pointer }, resources) {
    const image = parseImageSpec(file, pointer, config['imageTag']);
    const fieldSpecs = parseFieldSpecs(file, pointer, config['fieldSpecs']);
    applyResult(
      file,
      pointer,
      resources,
      transformImages(objects(resources), [image], ...(fieldSpecs ? [fieldSpecs] : [])),
    );
  },
  ReplicaCountTransformer(_context, file, { config, pointer }, resources) {
    const replica = parseReplicaSpec(file, pointer, config['replica']);
    const fieldSpecs = parseFieldSpecs(file, pointer, config['fieldSpecs']);
    const result = transformReplicas(objects(resources), [replica], {
      ...(fieldSpecs ? { fieldSpecs } : {}),
      previousNames: (index) => (resources[index] as TrackedResource).previous.map((id) => id.name),
    });
    applyResult(file, pointer, resources, result);
  },
  async PatchTransformer(context, file, { config, pointer }, resources) {
    await applyPatchEntry(context, file, pointer, resources, config, config['target'], true);
  },
  async PatchJson6902Transformer(context, file, { config, pointer }, resources) {
    await applyPatchEntry(
      context,
      file,
      pointer,
      resources,
      { path: config['path'], patch: config['jsonOp'] },
      config['target'],
      false,
    );
  },
  async PatchStrategicMergeTransformer(context, file, { config, pointer }, resources) {
    const paths = Array.isArray(config['paths']) ? config['paths'] : [];
    for (const path of paths)
      await applyPatchEntry(context, file, pointer, resources, { path }, undefined, false);
    if (typeof config['patches'] === 'string')
      await applyPatchEntry(
        context,
        file,
        pointer,
        resources,
        { patch: config['patches'] },
        undefined,
        false,
      );
  },
  async ReplacementTransformer(context, file, { config, pointer }, resources) {
    const entries = Array.isArray(config['replacements']) ? config['replacements'] : [];
    runReplacementList(file, pointer, resources, await loadReplacements(context, file, pointer, entries));
  },
};

function checkBuiltin(file: KustomizationFile, plugin: PluginConfig, known: Record<string, unknown>): string {
  const kind = textOf(plugin.config['kind']);
  const apiVersion = textOf(plugin.config['apiVersion']);
  if (apiVersion !== 'builtin' || !Object.hasOwn(known, kind))
    throw stopAt(
      file,
      plugin.pointer,
      `unsupported: plugin ${apiVersion || '(no apiVersion)'}/${kind || '(no kind)'}; the built-in engine runs only kustomize's builtin plugins (apiVersion: builtin); use renderer: kustomize for others`,
      'kustomize-unsupported',
    );
  return kind;
}

/** The `transformers:` entries of a kustomization, each a builtin plugin configuration. */
export async function runTransformerPlugins(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<void> {
  for (const plugin of await loadPluginConfigs(context, file, 'transformers')) {
    const kind = checkBuiltin(file, plugin, TRANSFORMERS);
    await (TRANSFORMERS[kind] as Run)(context, file, plugin, resources);
  }
}

const GENERATORS = { ConfigMapGenerator: 'ConfigMap', SecretGenerator: 'Secret' } as const;

/** The `generators:` entries: builtin ConfigMapGenerator and SecretGenerator configurations. */
export async function runGeneratorPlugins(
  context: BuildContext,
  file: KustomizationFile,
  resources: TrackedResource[],
): Promise<void> {
  for (const plugin of await loadPluginConfigs(context, file, 'generators')) {
    const kind = GENERATORS[checkBuiltin(file, plugin, GENERATORS) as keyof typeof GENERATORS];
    const metadata: JsonObject = isJsonObject(plugin.config['metadata']) ? plugin.config['metadata'] : {};
    const args = parseGeneratorArgs({
      ...plugin.config,
      name: metadata['name'] ?? '',
      namespace: metadata['namespace'] ?? null,
    });
    if ('error' in args) throw stopAt(file, plugin.pointer, args.error);
    const { line } = file.locate(plugin.pointer);
    const error = await addGenerated(
      context,
      kind,
      args,
      undefined,
      file.dir,
      { path: file.path, line },
      resources,
    );
    if (error !== undefined) throw stopAt(file, plugin.pointer, error);
  }
}
