import { type JsonValue, isJsonObject, scalarString } from '../../../manifests/json-value.ts';
import type { GeneratorArgs, GeneratorOptions } from './generator-types.ts';

function stringList(value: JsonValue | undefined, field: string): string[] | { error: string } {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return { error: `${field} must be a list of strings` };
  const items: string[] = [];
  for (const item of value) {
    const text = scalarString(item);
    if (text === undefined) return { error: `${field} must be a list of strings` };
    items.push(text);
  }
  return items;
}

function stringMap(value: JsonValue | undefined, field: string): Record<string, string> | { error: string } {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) return { error: `${field} must be a mapping of strings` };
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) map[key] = scalarString(item) ?? '';
  return map;
}

/** `generatorOptions` of a kustomization or `options` of a generator entry. */
export function parseGeneratorOptions(value: JsonValue | undefined): GeneratorOptions | { error: string } {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) return { error: 'generator options must be a mapping' };
  const options: GeneratorOptions = {};
  const labels = stringMap(value['labels'], 'labels');
  if ('error' in labels) return labels;
  const annotations = stringMap(value['annotations'], 'annotations');
  if ('error' in annotations) return annotations;
  if (value['labels'] !== undefined && value['labels'] !== null)
    options.labels = labels as Record<string, string>;
  if (value['annotations'] !== undefined && value['annotations'] !== null)
    options.annotations = annotations as Record<string, string>;
  if (value['disableNameSuffixHash'] === true) options.disableNameSuffixHash = true;
  if (value['immutable'] === true) options.immutable = true;
  return options;
}

/** A `configMapGenerator`/`secretGenerator` entry (or a builtin generator's config) as arguments. */
export function parseGeneratorArgs(value: JsonValue | undefined): GeneratorArgs | { error: string } {
  if (!isJsonObject(value)) return { error: 'a generator entry must be a mapping' };
  const args: GeneratorArgs = { name: scalarString(value['name']) ?? '' };
  const namespace = scalarString(value['namespace']);
  if (namespace !== undefined && namespace !== '') args.namespace = namespace;
  const behavior = scalarString(value['behavior']);
  if (behavior !== undefined && behavior !== '' && behavior !== 'unspecified') {
    if (behavior !== 'create' && behavior !== 'merge' && behavior !== 'replace')
      return { error: `behavior ${JSON.stringify(behavior)} must be create, merge or replace` };
    args.behavior = behavior;
  }
  for (const field of ['literals', 'files', 'envs'] as const) {
    const list = stringList(value[field], field);
    if ('error' in list) return list;
    if (list.length > 0) args[field] = list;
  }
  const env = scalarString(value['env']);
  if (env !== undefined && env !== '') args.env = env;
  const type = scalarString(value['type']);
  if (type !== undefined) args.type = type;
  const options = parseGeneratorOptions(value['options']);
  if ('error' in options) return options;
  if (value['options'] !== undefined && value['options'] !== null) args.options = options;
  return args;
}
