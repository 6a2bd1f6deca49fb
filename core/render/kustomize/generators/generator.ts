import type { JsonValue, JsonObject } from '../../../manifests/json-value.ts';
import type { FileSource } from '../../../files/file-source.ts';
import { kustomizeBase64 } from './generator-encoding.ts';
import { mergeGeneratorOptions } from './generator-options.ts';
import { loadKeyValuePairs } from './generator-sources.ts';
import { configurationProblem, generatedResourceProblem } from './generator-yaml-checks.ts';
import type {
  GeneratedResource,
  GeneratorArgs,
  GeneratorError,
  GeneratorOptions,
  KeyValuePair,
} from './generator-types.ts';

export type {
  GeneratedResource,
  GeneratorArgs,
  GeneratorError,
  GeneratorOptions,
} from './generator-types.ts';

function metadata(args: GeneratorArgs, options: GeneratorOptions): JsonObject {
  const meta: JsonObject = { name: args.name };
  if (args.namespace !== undefined && args.namespace !== '') meta.namespace = args.namespace;
  // kustomize sets each option label and annotation; an empty map adds no field.
  if (options.labels !== undefined && Object.keys(options.labels).length > 0)
    meta.labels = { ...options.labels };
  if (options.annotations !== undefined && Object.keys(options.annotations).length > 0)
    meta.annotations = { ...options.annotations };
  return meta;
}

function configMapData(pairs: KeyValuePair[]): JsonObject {
  const fields: JsonObject = {};
  const data: Record<string, JsonValue> = {};
  const binaryData: Record<string, JsonValue> = {};
  for (const { key, value } of pairs) {
    // Text that is valid UTF-8 goes to `data`; anything else to `binaryData`, in base64.
    if (typeof value === 'string') data[key] = value;
    else binaryData[key] = kustomizeBase64(value);
  }
  if (pairs.some((p) => typeof p.value === 'string')) fields.data = data;
  if (pairs.some((p) => typeof p.value !== 'string')) fields.binaryData = binaryData;
  return fields;
}

function secretData(pairs: KeyValuePair[]): JsonObject {
  const data: Record<string, JsonValue> = {};
  for (const { key, value } of pairs) data[key] = kustomizeBase64(value);
  // A generated Secret always has `data`, `{}` when there are no entries.
  return { data };
}

/**
 * Builds the ConfigMap or Secret a generator entry describes, named without its hash suffix.
 * `globalOptions` are the kustomization's `generatorOptions`; `dir` is the kustomization's folder
 * (repository-relative) and file paths are relative to it. Problems (a missing file, a bad
 * literal, a key given twice, a path leaving the folder or the repository) are returned, never
 * thrown. As in kustomize v5.5.0, keys are not validated (`a b`, `a/b` and `..` are accepted),
 * but a resource kustomize could not read back is an error: see generatedResourceProblem.
 */
export async function generateResource(
  kind: 'ConfigMap' | 'Secret',
  args: GeneratorArgs,
  globalOptions: GeneratorOptions | undefined,
  dir: string,
  files: FileSource,
): Promise<GeneratedResource | GeneratorError> {
  const options = mergeGeneratorOptions(args.options, globalOptions);
  const configuration = configurationProblem(kind, args, options);
  if (configuration !== undefined) return { error: configuration };
  // kustomize says "configmap" for Secrets too.
  if (args.name === '') return { error: 'a configmap must have a name' };
  const loaded = await loadKeyValuePairs(args, dir, files);
  if ('error' in loaded) return loaded;
  const seen = new Set<string>();
  for (const { key } of loaded.pairs) {
    if (seen.has(key)) return { error: `configmap ${args.name} illegally repeats the key \`${key}\`` };
    seen.add(key);
  }
  const resource: JsonObject = { apiVersion: 'v1', kind, metadata: metadata(args, options) };
  if (kind === 'Secret') {
    resource.type = args.type !== undefined && args.type !== '' ? args.type : 'Opaque';
    Object.assign(resource, secretData(loaded.pairs));
  } else Object.assign(resource, configMapData(loaded.pairs));
  if (options.immutable === true) resource.immutable = true;
  const problem = generatedResourceProblem(resource);
  if (problem !== undefined) return { error: problem };
  return { resource, hashSuffix: options.disableNameSuffixHash !== true };
}
