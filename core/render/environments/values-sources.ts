/**
 * The ConfigMaps and Secrets written in the repository, for the `valuesFrom` of Flux
 * HelmReleases (flux-values.ts reads their data). helm-controller reads them from the
 * HelmRelease's namespace; a manifest without a namespace (set later by a kustomization or a Flux
 * Kustomization's `targetNamespace`) is taken to fit any namespace. Those kustomize generates
 * come from generated-values-sources.ts.
 * https://fluxcd.io/flux/components/helm/helmreleases/#values-references
 */
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { splitDocuments } from '../../manifests/split-documents.ts';
import type { FindValuesSource } from '../external/flux-values.ts';
import type { FileSource } from '../../files/file-source.ts';
import { type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { stringAt } from './gitops-target.ts';
import { readYamlTexts } from './scan-manifests.ts';

/** A ConfigMap or Secret manifest of the repository. */
export interface ValuesSource {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  /** Repository-relative path of the manifest (for a generated one, of the kustomization). */
  file: string;
  /** Other files its content comes from (a generator's files and env files). */
  reads?: string[];
  content: JsonObject;
}

const KIND = /^\s*kind:\s*["']?(?:ConfigMap|Secret)["']?\s*(?:#.*)?$/m;

function sourcesOf(file: string, text: string): ValuesSource[] {
  const found: ValuesSource[] = [];
  for (const span of splitDocuments(text)) {
    const body = text.slice(span.bodyStart, span.end);
    if (!KIND.test(body)) continue;
    const { value } = parseYamlDocument(body, { uniqueKeys: false, firstLine: span.bodyLine });
    if (!isJsonObject(value ?? null)) continue;
    const content = value as JsonObject;
    const { apiVersion, kind } = content;
    const name = stringAt(content['metadata'], 'name');
    if (apiVersion !== 'v1' || (kind !== 'ConfigMap' && kind !== 'Secret') || name === undefined) continue;
    const namespace = stringAt(content['metadata'], 'namespace');
    found.push({ kind, name, ...(namespace ? { namespace } : {}), file, content });
  }
  return found;
}

/** Every ConfigMap and Secret among the repository's YAML files, in file then document order. */
export async function scanValuesSources(files: FileSource, paths: string[]): Promise<ValuesSource[]> {
  const texts = await readYamlTexts(files, paths, (text) => KIND.test(text));
  return texts.flatMap(({ path, text }) => sourcesOf(path, text));
}

/** How many leading folders two repository paths share. */
function sharedFolders(a: string, b: string): number {
  const left = a.split('/').slice(0, -1);
  const right = b.split('/').slice(0, -1);
  let count = 0;
  while (count < left.length && left[count] === right[count]) count++;
  return count;
}

/**
 * The lookup for the HelmRelease in `file`: a manifest of that kind and name whose namespace is
 * the reference's or unset. Several fit: the one in the reference's namespace, then the one
 * sharing the most folders with `file`, then the first. Every manifest returned is added to
 * `used` (a change to it changes the environment).
 */
export function valuesSourceFinder(
  sources: readonly ValuesSource[],
  file: string,
  used: Set<string>,
): FindValuesSource {
  return (reference) => {
    let best: { source: ValuesSource; rank: number } | undefined;
    for (const source of sources) {
      if (source.kind !== reference.kind || source.name !== reference.name) continue;
      const sameNamespace = source.namespace !== undefined && source.namespace === reference.namespace;
      if (source.namespace !== undefined && reference.namespace !== undefined && !sameNamespace) continue;
      const rank = (sameNamespace ? 1000 : 0) + sharedFolders(source.file, file);
      if (!best || rank > best.rank) best = { source, rank };
    }
    if (!best) return undefined;
    used.add(best.source.file);
    for (const file of best.source.reads ?? []) used.add(file);
    return best.source.content;
  };
}
