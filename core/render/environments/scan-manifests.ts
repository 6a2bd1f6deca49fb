import { decodeText } from '../../manifests/decode-text.ts';
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { splitDocuments } from '../../manifests/split-documents.ts';
import type { FileSource } from '../../files/file-source.ts';
import type { JsonObject } from '../../manifests/json-value.ts';
import { locator, type Position } from './locate.ts';

/** One Argo CD or Flux object found in the repository. */
export interface GitOpsDocument {
  /** `FluxSource`: a GitRepository, OCIRepository or Bucket; `ArtifactGenerator`: Flux's source-watcher. */
  kind:
    | 'Application'
    | 'ApplicationSet'
    | 'FluxKustomization'
    | 'HelmRelease'
    | 'FluxSource'
    | 'ArtifactGenerator';
  /** Repository-relative path of the file. */
  file: string;
  content: JsonObject;
  /** Position in the file of a JSON pointer of `content` (or of its nearest ancestor). */
  locate(pointer: string): Position;
}

// Cheap checks before parsing: the API group must appear in the file, and a kind in a document.
const GROUPS =
  /argoproj\.io\/|(?:kustomize|helm|source)\.toolkit\.fluxcd\.io\/|source\.extensions\.fluxcd\.io\//;
const KIND =
  /^\s*kind:\s*["']?(?:Application|ApplicationSet|Kustomization|HelmRelease|GitRepository|OCIRepository|Bucket|ArtifactGenerator)["']?\s*(?:#.*)?$/m;
const FLUX_SOURCES = new Set(['GitRepository', 'OCIRepository', 'Bucket']);
const CONCURRENCY = 16;

function gitOpsKind(content: JsonObject): GitOpsDocument['kind'] | undefined {
  const { apiVersion, kind } = content;
  if (typeof apiVersion !== 'string') return undefined;
  if (apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet'))
    return kind;
  if (apiVersion.startsWith('kustomize.toolkit.fluxcd.io/') && kind === 'Kustomization')
    return 'FluxKustomization';
  // v2, v2beta2 and v2beta1 share the fields kubeproof reads.
  if (apiVersion.startsWith('helm.toolkit.fluxcd.io/') && kind === 'HelmRelease') return 'HelmRelease';
  if (
    apiVersion.startsWith('source.toolkit.fluxcd.io/') &&
    typeof kind === 'string' &&
    FLUX_SOURCES.has(kind)
  )
    return 'FluxSource';
  if (apiVersion.startsWith('source.extensions.fluxcd.io/') && kind === 'ArtifactGenerator')
    return 'ArtifactGenerator';
  return undefined;
}

function documentsOf(file: string, text: string): GitOpsDocument[] {
  const found: GitOpsDocument[] = [];
  for (const span of splitDocuments(text)) {
    const body = text.slice(span.bodyStart, span.end);
    if (!KIND.test(body)) continue;
    // Files that are not valid YAML are the validator's business; discovery skips them quietly.
    const parsed = parseYamlDocument(body, { uniqueKeys: false, firstLine: span.bodyLine });
    const content = parsed.value;
    if (content === undefined || content === null || typeof content !== 'object' || Array.isArray(content))
      continue;
    const kind = gitOpsKind(content);
    if (kind) found.push({ kind, file, content, locate: locator(parsed.positions, span.bodyLine) });
  }
  return found;
}

/** The text of every `*.yaml` / `*.yml` file that `accept` takes, in file order. */
export async function readYamlTexts(
  files: FileSource,
  paths: string[],
  accept: (text: string) => boolean,
): Promise<{ path: string; text: string }[]> {
  const candidates = paths.filter((path) => /\.ya?ml$/i.test(path));
  const found: { path: string; text: string }[] = [];
  for (let start = 0; start < candidates.length; start += CONCURRENCY) {
    const batch = candidates.slice(start, start + CONCURRENCY);
    const contents = await Promise.all(batch.map((path) => files.readFile(path)));
    for (const [i, bytes] of contents.entries()) {
      if (!bytes) continue;
      const decoded = decodeText(bytes);
      if (decoded.ok && accept(decoded.text)) found.push({ path: batch[i] as string, text: decoded.text });
    }
  }
  return found;
}

/**
 * Finds the Argo CD Applications and ApplicationSets, the Flux Kustomizations and HelmReleases,
 * and the Flux sources they name (GitRepository, OCIRepository, Bucket, ArtifactGenerator) among the repository's `*.yaml` / `*.yml` files, in file order then document order. Only files
 * that mention one of the API groups and kinds are parsed.
 */
export async function scanGitOpsManifests(files: FileSource, paths: string[]): Promise<GitOpsDocument[]> {
  const texts = await readYamlTexts(files, paths, (text) => GROUPS.test(text) && KIND.test(text));
  return texts.flatMap(({ path, text }) => documentsOf(path, text));
}
