import type { Finding } from '../../findings.ts';
import { decodeText } from '../../manifests/decode-text.ts';
import { FALLBACK, fastParseYaml, type PositionMap } from '../../manifests/fast-yaml.ts';
import { parseYamlDocument, type FullParseResult } from '../../manifests/parse-yaml-document.ts';
import { splitDocuments, type DocumentSpan } from '../../manifests/split-documents.ts';
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import type { FileSource } from '../../files/file-source.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import { canonicalKustomization, kustomizationTypeError, writtenKey } from './kustomization-case.ts';

/** The file names kustomize recognises as a kustomization, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** ruleId of every problem of the kustomization file itself. */
const KUSTOMIZATION_RULE = 'kustomization' satisfies RuleId;

const KUSTOMIZATION_VERSION = 'kustomize.config.k8s.io/v1beta1';
const COMPONENT_VERSION = 'kustomize.config.k8s.io/v1alpha1';

/** Every top-level field of a Kustomization or Component (kustomize v5.5 `types.Kustomization`). */
const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'openapi',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'patchesStrategicMerge',
  'patchesJson6902',
  'patches',
  'images',
  'imageTags',
  'replacements',
  'replicas',
  'vars',
  'sortOptions',
  'resources',
  'components',
  'crds',
  'bases',
  'configMapGenerator',
  'secretGenerator',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'generatorOptions',
  'configurations',
  'generators',
  'transformers',
  'validators',
  'buildMetadata',
]);

/** The fast subset parser when it can answer (with positions), else the full parser. */
function parseQuickly(text: string): FullParseResult {
  if (!text.includes('\r') && !text.startsWith('---')) {
    const positions: PositionMap = new Map();
    const value = fastParseYaml(text, 0, text.length, { uniqueKeys: true, positions });
    if (value !== FALLBACK) return { value, problems: [], positions };
  }
  return parseYamlDocument(text, { uniqueKeys: true, firstLine: 1 });
}

/** `pointer` (into the kustomization as read, keys spelled as fields) with the keys the file wrote. */
function written(value: JsonValue, pointer: string): string {
  let at: JsonValue | undefined = value;
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    const key: string = Array.isArray(at) ? segment : (writtenKey(at, segment) ?? segment);
    if (Array.isArray(at)) at = at[Number(key)];
    else at = at !== undefined && isJsonObject(at) ? at[key] : undefined;
    out += `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  }
  return out;
}

/**
 * The text up to the end of the first YAML document: kustomize (sigs.k8s.io/yaml) reads no further.
 * Comments before a first `---` are not a document of their own.
 */
function firstDocument(text: string): string {
  const spans = splitDocuments(text);
  if (spans.length <= 1) return text;
  const first = spans[0] as DocumentSpan;
  const onlyComments = text
    .slice(first.start, first.end)
    .split('\n')
    .every((line) => line.trim() === '' || line.trim().startsWith('#'));
  const chosen = first.start === first.bodyStart && onlyComments ? spans[1] : first;
  return chosen === undefined ? text : text.slice(0, chosen.end);
}

/** kustomize's CheckEmpty: nothing set but apiVersion, kind and metadata (`[]` and `{}` count as set). */
function isEmptyKustomization(content: JsonObject): boolean {
  return Object.entries(content).every(
    ([key, value]) =>
      key === 'apiVersion' || key === 'kind' || key === 'metadata' || value === null || value === '',
  );
}

/** A kustomization as read from disk, with what is needed to point findings at its lines. */
export interface KustomizationFile {
  /** Repository-relative folder of the kustomization. */
  dir: string;
  /** Repository-relative path of the file. */
  path: string;
  kind: 'Kustomization' | 'Component';
  content: JsonObject;
  /** Line and column of a field, by JSON pointer (`/resources/2`). */
  locate(pointer: string): { line: number; column: number };
}

/**
 * Reads the kustomization of a folder: exactly one of the recognised file names, valid YAML, a
 * mapping, known fields only (kustomize rejects unknown fields), a known `kind`. Problems are
 * findings on the file's lines; `file` is undefined when there is nothing usable.
 */
export async function readKustomization(
  files: FileSource,
  dir: string,
): Promise<{ file?: KustomizationFile; findings: Finding[] }> {
  const findings: Finding[] = [];
  const prefix = dir === '' ? '' : `${dir}/`;
  const present: { path: string; bytes: Uint8Array }[] = [];
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const bytes = await files.readFile(`${prefix}${name}`);
    if (bytes) present.push({ path: `${prefix}${name}`, bytes });
  }
  const chosen = present[0];
  if (!chosen) return { findings };
  if (present.length > 1) {
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `found multiple kustomization files (${present.map((p) => p.path.slice(prefix.length)).join(', ')}); kustomize refuses this: keep one`,
      path: chosen.path,
      line: 1,
    });
    return { findings };
  }
  const decoded = decodeText(chosen.bytes);
  if (!decoded.ok) {
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: decoded.message,
      path: chosen.path,
      line: decoded.line,
    });
    return { findings };
  }
  const parsed = parseQuickly(firstDocument(decoded.text));
  for (const problem of parsed.problems) {
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `invalid YAML: ${problem.message}`,
      path: chosen.path,
      line: problem.line,
      column: problem.column,
    });
  }
  if (parsed.value === undefined) return { findings };
  const original = parsed.value;
  const locate = (pointer: string): { line: number; column: number } => {
    for (let at = written(original, pointer); ; at = at.slice(0, at.lastIndexOf('/'))) {
      const hit = parsed.positions.get(at);
      if (hit) return { line: hit[0], column: hit[1] };
      if (at === '') return { line: 1, column: 1 };
    }
  };
  const content = isJsonObject(parsed.value) ? canonicalKustomization(parsed.value) : parsed.value;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: 'a kustomization must be a mapping of fields',
      path: chosen.path,
      line: 1,
    });
    return { findings };
  }
  for (const key of Object.keys(content)) {
    if (KNOWN_FIELDS.has(key)) continue;
    const { line, column } = locate(`/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `unknown field ${JSON.stringify(key)} in kustomization: kustomize rejects it (a typo?)`,
      path: chosen.path,
      line,
      column,
    });
  }
  if (!findings.some((f) => f.severity === 'error') && isEmptyKustomization(content)) {
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `${chosen.path.slice(prefix.length)} is empty: kustomize refuses a kustomization that sets nothing (write resources: [] for an empty one)`,
      path: chosen.path,
      line: 1,
    });
    return { findings };
  }
  const typeError = findings.some((f) => f.severity === 'error')
    ? undefined
    : kustomizationTypeError(content);
  if (typeError) {
    const { line, column } = locate(typeError.pointer);
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `invalid Kustomization: ${typeError.message}`,
      path: chosen.path,
      line,
      column,
    });
    return { findings };
  }
  // kustomize fills in an empty kind and apiVersion, then insists on the pair it knows.
  const kind = content['kind'] || 'Kustomization';
  if (kind !== 'Kustomization' && kind !== 'Component') {
    const { line, column } = locate('/kind');
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `kind ${JSON.stringify(kind)} is neither Kustomization nor Component`,
      path: chosen.path,
      line,
      column,
    });
    return { findings };
  }
  const version = kind === 'Component' ? COMPONENT_VERSION : KUSTOMIZATION_VERSION;
  if (content['apiVersion'] && content['apiVersion'] !== version) {
    const { line, column } = locate('/apiVersion');
    findings.push({
      ruleId: KUSTOMIZATION_RULE,
      severity: 'error',
      message: `apiVersion for ${kind} should be ${version}`,
      path: chosen.path,
      line,
      column,
    });
    return { findings };
  }
  if (findings.some((f) => f.severity === 'error')) return { findings };
  return { file: { dir, path: chosen.path, kind, content, locate }, findings };
}
