/**
 * ConfigMaps and Secrets that kustomize generates (`configMapGenerator`, `secretGenerator`), for
 * the `valuesFrom` of Flux HelmReleases: Flux's guide writes a HelmRelease's values in a file and
 * lets a generator turn it into the ConfigMap, the hash suffix reaching the HelmRelease through a
 * `nameReference` configuration. They are found by their name without the suffix. Entries that
 * `merge` into or `replace` a base's generator are skipped: their content depends on the base.
 * https://fluxcd.io/flux/guides/helmreleases/#refer-to-values-in-configmaps-generated-with-kustomize
 */
import { decodeText } from '../../manifests/decode-text.ts';
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { parseGeneratorArgs, parseGeneratorOptions } from '../kustomize/generators/generator-args.ts';
import { parseFileSource } from '../kustomize/generators/generator-sources.ts';
import { generateResource } from '../kustomize/generators/generator.ts';
import type { GeneratorArgs } from '../kustomize/generators/generator-types.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import { dirnameRepoPath, joinRepoPath } from '../../files/repo-paths.ts';
import type { FileSource } from '../../files/file-source.ts';
import { stringAt } from './gitops-target.ts';
import { basename } from './repo-path.ts';
import type { ValuesSource } from './values-sources.ts';

const GENERATORS = [
  ['configMapGenerator', 'ConfigMap'],
  ['secretGenerator', 'Secret'],
] as const;

/** The repository files a generator entry reads, relative to the kustomization's folder `dir`. */
function generatorReads(args: GeneratorArgs, dir: string): string[] {
  const written = [...(args.envs ?? []), ...(args.env ? [args.env] : [])];
  for (const source of args.files ?? []) {
    const parsed = parseFileSource(source);
    if (!('error' in parsed)) written.push(parsed.path);
  }
  return written.map((path) => joinRepoPath(dir, path)).filter((path) => path !== undefined);
}

async function generatedBy(
  kustomization: JsonObject,
  file: string,
  files: FileSource,
): Promise<ValuesSource[]> {
  const dir = dirnameRepoPath(file);
  const options = parseGeneratorOptions(kustomization['generatorOptions']);
  const found: ValuesSource[] = [];
  for (const [field, kind] of GENERATORS) {
    const entries: JsonValue[] = Array.isArray(kustomization[field]) ? kustomization[field] : [];
    for (const entry of entries) {
      const args = parseGeneratorArgs(entry);
      if ('error' in args || args.name === '' || (args.behavior ?? 'create') !== 'create') continue;
      const generated = await generateResource(
        kind,
        args,
        'error' in options ? undefined : options,
        dir,
        files,
      );
      if ('error' in generated) continue;
      const namespace = args.namespace ?? stringAt(kustomization, 'namespace');
      const reads = generatorReads(args, dir);
      found.push({
        kind,
        name: args.name,
        ...(namespace ? { namespace } : {}),
        file,
        ...(reads.length > 0 ? { reads } : {}),
        content: generated.resource,
      });
    }
  }
  return found;
}

/** The ConfigMaps and Secrets every kustomization of the repository generates, in file order. */
export async function generatedValuesSources(files: FileSource, paths: string[]): Promise<ValuesSource[]> {
  const names = new Set<string>(KUSTOMIZATION_FILE_NAMES);
  const found: ValuesSource[] = [];
  for (const path of paths.filter((p) => names.has(basename(p)))) {
    const bytes = await files.readFile(path);
    const decoded = bytes ? decodeText(bytes) : undefined;
    if (!decoded?.ok || !/(?:configMap|secret)Generator\s*:/.test(decoded.text)) continue;
    const { value } = parseYamlDocument(decoded.text, { uniqueKeys: false, firstLine: 1 });
    if (isJsonObject(value ?? null)) found.push(...(await generatedBy(value as JsonObject, path, files)));
  }
  return found;
}
