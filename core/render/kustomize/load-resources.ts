import { decodeText } from '../../manifests/decode-text.ts';
import { FALLBACK, fastParseYaml } from '../../manifests/fast-yaml.ts';
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { resolveKustomizeScalar } from '../../manifests/resolve-scalar.ts';
import { type JsonValue, isJsonObject, type JsonObject } from '../../manifests/json-value.ts';
import { splitDocuments } from '../../manifests/split-documents.ts';
import type { FileSource } from '../../files/file-source.ts';
import { cached, type BuildContext } from './build-context.ts';
import { BuildStop, metadataOf, textOf, type TrackedResource } from './build-types.ts';

// kustomize keeps annotation values as the text of the scalar (docs/kustomize-behaviour.md).
const ANNOTATION_VALUE = /^\/metadata\/annotations\/[^/]+$/;
const KUSTOMIZE_READING = {
  resolve: resolveKustomizeScalar,
  keepText: (pointer: string) => ANNOTATION_VALUE.test(pointer),
};

function stop(path: string, line: number, message: string, column?: number): BuildStop {
  return new BuildStop({
    ruleId: 'kustomize-build',
    severity: 'error',
    message,
    path,
    line,
    ...(column === undefined ? {} : { column }),
  });
}

/**
 * Parses the YAML of one file as kustomize reads it: resources and strategic merge patches with
 * YAML 1.2 scalars and annotation values as text; JSON6902 patches as go-yaml v2 reads them.
 */
export function parseKustomizeYaml(
  text: string,
  path: string,
  reading: 'resource' | 'patch' = 'resource',
): { value: JsonValue; line: number }[] {
  const documents: { value: JsonValue; line: number }[] = [];
  // JSON6902 patches are read through sigs.k8s.io/yaml (go-yaml v2): the default resolution.
  const options = reading === 'resource' ? KUSTOMIZE_READING : {};
  // The fast subset parser answers for most documents; anything unusual goes to the full parser.
  const hasCarriageReturn = text.includes('\r');
  for (const span of splitDocuments(text)) {
    const body = text.slice(span.markerHasContent ? span.start : span.bodyStart, span.end);
    const firstLine = span.markerHasContent ? span.line : span.bodyLine;
    if (!hasCarriageReturn) {
      const start = span.markerHasContent ? span.start : span.bodyStart;
      const fast = fastParseYaml(text, start, span.end, { uniqueKeys: true, ...options });
      if (fast !== FALLBACK) {
        if (fast !== null) documents.push({ value: fast, line: firstLine });
        continue;
      }
    }
    const parsed = parseYamlDocument(body, {
      uniqueKeys: true,
      firstLine,
      ...options,
    });
    const problem = parsed.problems[0];
    if (problem) throw stop(path, problem.line, `invalid YAML: ${problem.message}`, problem.column);
    if (parsed.value === null || parsed.value === undefined) continue;
    documents.push({ value: parsed.value, line: firstLine });
  }
  return documents;
}

/** Reads a file of the repository as text; a missing or binary file stops the build. */
export async function readText(files: FileSource, path: string, from: string, line: number): Promise<string> {
  const bytes = await files.readFile(path);
  if (bytes === undefined)
    throw stop(
      from,
      line,
      `${path}: no such file or folder in the repository (kustomize cannot build without it)`,
    );
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw stop(path, decoded.line, decoded.message);
  return decoded.text;
}

/** The first number that is not finite (`.inf`, `.nan`), which JSON cannot hold, and where it is. */
function nonFinite(value: JsonValue, pointer = ''): { pointer: string; value: number } | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : { pointer: pointer || '/', value };
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinite(item, `${pointer}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Only `.inf` and `.nan` literals read as numbers JSON cannot hold: look for them when the text has one. */
const NON_FINITE_LITERAL = /\.(?:inf|nan)\b/i;

/** kustomize drops an empty `metadata.annotations` (it rewrites the map while building). */
export function withoutEmptyAnnotations(resource: JsonObject): JsonObject {
  const metadata = metadataOf(resource);
  const annotations = metadata['annotations'];
  if (!isJsonObject(annotations) || Object.keys(annotations).length > 0) return resource;
  const rest = { ...metadata };
  delete rest['annotations'];
  return { ...resource, metadata: rest };
}

function expand(value: JsonValue, path: string, line: number, into: TrackedResource[]): void {
  if (!isJsonObject(value))
    throw stop(path, line, 'a resource must be a mapping with apiVersion, kind and metadata.name');
  const kind = textOf(value['kind']);
  // kustomize unpacks `List` and `<Kind>List` documents into their items.
  if (kind.endsWith('List') && Array.isArray(value['items'])) {
    for (const item of value['items']) expand(item, path, line, into);
    return;
  }
  if (textOf(metadataOf(value)['name']) === '')
    throw stop(
      path,
      line,
      `missing metadata.name in a ${kind || 'resource without kind'}: kustomize refuses it`,
    );
  into.push({
    object: value,
    origin: { path, line },
    previous: [],
    prefixes: [],
    suffixes: [],
  });
}

/** The resources of a manifest file, each with the file and line it came from. */
export async function loadResourceFile(
  context: BuildContext,
  path: string,
  from: string,
  line: number,
): Promise<TrackedResource[]> {
  const documents = await cached(context.cache.resourceFiles, path, async () => {
    const text = await readText(context.files, path, from, line);
    const parsed = parseKustomizeYaml(text, path);
    if (NON_FINITE_LITERAL.test(text))
      for (const document of parsed) {
        const found = nonFinite(document.value);
        if (found !== undefined)
          throw stop(
            path,
            document.line,
            `${found.pointer} is ${String(found.value)}, which kustomize cannot encode as JSON: quote it if it is text`,
          );
      }
    return parsed;
  });
  const resources: TrackedResource[] = [];
  for (const document of documents) expand(document.value, path, document.line, resources);
  return resources;
}
