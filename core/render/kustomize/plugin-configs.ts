import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { stopAt, type BuildContext } from './build-context.ts';
import { checkLocalPath } from './local-paths.ts';
import { parseKustomizeYaml, readText } from './load-resources.ts';
import { listField } from './kustomization-fields.ts';
import type { KustomizationFile } from './read-kustomization.ts';

/** One plugin configuration from a `transformers:` or `generators:` entry, with where it came from. */
export interface PluginConfig {
  config: JsonObject;
  /** Pointer of the kustomization entry that named it (findings go there). */
  pointer: string;
}

/**
 * The plugin configurations a `transformers:` or `generators:` field lists: each entry is a
 * file of the repository (one or more YAML documents) or the configuration itself as inline YAML.
 * A folder (a kustomization of configurations) is not supported by the built-in engine.
 */
export async function loadPluginConfigs(
  context: BuildContext,
  file: KustomizationFile,
  field: 'transformers' | 'generators',
): Promise<PluginConfig[]> {
  const configs: PluginConfig[] = [];
  for (const [index, entry] of listField(file, field).entries()) {
    const pointer = `/${field}/${index}`;
    let documents: JsonValue[];
    if (isJsonObject(entry)) documents = [entry];
    else if (typeof entry !== 'string') throw stopAt(file, pointer, `${field} entries must be paths or YAML`);
    else if (entry.includes('\n')) documents = parseKustomizeYaml(entry, file.path).map((d) => d.value);
    else {
      const local = await checkLocalPath(context, file, pointer, entry, `${field} entry`);
      if (local.type === 'directory')
        throw stopAt(
          file,
          pointer,
          `unsupported: ${field} entry ${entry} is a folder (a kustomization of plugin configs); list the config files instead, or use renderer: kustomize`,
          'kustomize-unsupported',
        );
      const { line } = file.locate(pointer);
      documents = parseKustomizeYaml(
        await readText(context.files, local.path, file.path, line),
        local.path,
      ).map((d) => d.value);
    }
    for (const config of documents) {
      if (!isJsonObject(config)) throw stopAt(file, pointer, 'a plugin configuration must be a mapping');
      configs.push({ config, pointer });
    }
  }
  return configs;
}
