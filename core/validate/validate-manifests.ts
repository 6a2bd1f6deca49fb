import type { Finding } from '../findings.ts';
import { decodeText } from '../manifests/decode-text.ts';
import type { SchemaCompiler } from './compile-schema.ts';
import { apiStatus, type ApiStatus } from './deprecated-apis.ts';
import { findDuplicates } from './find-duplicates.ts';
import { collectInputCrds, registerInputCrds, type InputCrdSchema } from './input-crds.ts';
import type { ValidationResult } from './result.ts';
import type { SchemaRegistry } from './schema-registry.ts';
import type { DocumentContext } from './validate-document.ts';
import { validateText } from './validate-text.ts';

/** One input: a file's bytes, or why it could not be read (a missing path, a permission error). */
export interface ManifestInput {
  /** The path as the user gave it or as the folder walk found it; `stdin` for standard input. */
  path: string;
  content?: Uint8Array;
  /** Set when the input could not be read: it becomes an error result, the rest goes on. */
  error?: string;
}

export interface ValidateOptions {
  /** `master` or `x.y.z`. */
  kubernetesVersion: string;
  strict: boolean;
  /** Kinds or `apiVersion/Kind`s to skip / reject (`-skip`, `-reject`). */
  skip: readonly string[];
  reject: readonly string[];
  ignoreMissingSchemas: boolean;
  /** Stop at the first invalid or error result (`-exit-on-error`). */
  exitOnError: boolean;
  /** Validate custom resources with the CustomResourceDefinitions found in the input (default true). */
  crdsFromInput?: boolean;
}

export interface ValidateDeps {
  registry: SchemaRegistry;
  compile: SchemaCompiler;
}

/** Everything a validation run produced, in input order. */
export interface ValidationRun {
  results: ValidationResult[];
  /** How many inputs were read (kubeconform's "files"). */
  files: number;
  /** True when `exitOnError` stopped the run early. */
  stopped: boolean;
}

/** An input decoded: its text, or the error result that replaces it. */
export type PreparedInput = { path: string; text: string } | { path: string; failure: ValidationResult };

/** Decodes every input; unreadable ones (missing, binary, not UTF-8) become error results. */
export function prepareInputs(inputs: readonly ManifestInput[]): PreparedInput[] {
  return inputs.map((input) => {
    if (input.content === undefined)
      return { path: input.path, failure: unreadable(input.path, input.error ?? 'could not read the file') };
    const decoded = decodeText(input.content);
    return decoded.ok
      ? { path: input.path, text: decoded.text }
      : { path: input.path, failure: unreadable(input.path, decoded.message, decoded.line) };
  });
}

/** The CRDs of the input, unless turned off. */
export function inputCrds(
  prepared: readonly PreparedInput[],
  options: ValidateOptions,
): { schemas: InputCrdSchema[]; findings: Finding[] } {
  if (options.crdsFromInput === false) return { schemas: [], findings: [] };
  const texts = prepared.filter((p): p is { path: string; text: string } => 'text' in p);
  return collectInputCrds(texts, options.strict);
}

/** The per-run context every document is validated in. */
export function createDocumentContext(options: ValidateOptions, registry: SchemaRegistry): DocumentContext {
  const lifecycles = new Map<string, ApiStatus | undefined>();
  return {
    kubernetesVersion: options.kubernetesVersion,
    strict: options.strict,
    skip: new Set(options.skip),
    reject: new Set(options.reject),
    ignoreMissingSchemas: options.ignoreMissingSchemas,
    lookup: (kind, apiVersion) => registry.lookup(kind, apiVersion),
    lifecycle(apiVersion, kind) {
      const key = `${apiVersion}/${kind}`;
      if (!lifecycles.has(key)) lifecycles.set(key, apiStatus(apiVersion, kind, options.kubernetesVersion));
      return lifecycles.get(key);
    },
  };
}

function unreadable(path: string, message: string, line?: number): ValidationResult {
  const finding: Finding = { ruleId: 'unreadable-file', severity: 'error', message, path };
  if (line !== undefined) finding.line = line;
  return { filename: path, status: 'error', line: line ?? 1, message, findings: [finding] };
}

/**
 * Completes a run from the results of every input, in input order: a file that gave no resource
 * counts as one empty result (as kubeconform), CRD conversion problems join the result of their CRD,
 * and duplicate resources are flagged.
 */
export function finishRun(
  prepared: readonly PreparedInput[],
  perInput: readonly (ValidationResult[] | undefined)[],
  crdFindings: readonly Finding[],
  stopped: boolean,
): ValidationRun {
  const results: ValidationResult[] = [];
  for (const [index, input] of prepared.entries()) {
    const own = perInput[index];
    if (own === undefined) break; // not reached: the run stopped before it
    if (own.length === 0) results.push({ filename: input.path, status: 'empty', line: 1, findings: [] });
    else for (const result of own) results.push(result);
  }
  for (const finding of crdFindings) {
    const owner =
      results.filter((r) => r.filename === finding.path && r.line <= (finding.line ?? 1)).at(-1) ??
      results.find((r) => r.filename === finding.path);
    owner?.findings.push(finding);
  }
  findDuplicates(results);
  return { results, files: prepared.length, stopped };
}

/**
 * Validates manifests the way kubeconform does (same statuses, same messages), with positions on
 * every finding, CRDs in the input validating their custom resources, deprecated and removed
 * apiVersions, and duplicate resources. Bad input never stops the run: each unreadable file or
 * document becomes an error result and everything else is still validated.
 */
export async function validateManifests(
  inputs: readonly ManifestInput[],
  options: ValidateOptions,
  deps: ValidateDeps,
): Promise<ValidationRun> {
  const prepared = prepareInputs(inputs);
  const crds = inputCrds(prepared, options);
  const crdFindings = [...crds.findings, ...(await registerInputCrds(crds.schemas, deps))];
  const context = createDocumentContext(options, deps.registry);
  const failed = (result: ValidationResult): boolean =>
    options.exitOnError && (result.status === 'error' || result.status === 'invalid');
  const perInput: ValidationResult[][] = [];
  let stopped = false;
  for (const input of prepared) {
    if ('failure' in input) {
      perInput.push([input.failure]);
      if (failed(input.failure)) {
        stopped = true;
        break;
      }
      continue;
    }
    const outcome = await validateText(input.path, input.text, 1, context, failed);
    perInput.push(outcome.results);
    if (outcome.stopped) {
      stopped = true;
      break;
    }
  }
  return finishRun(prepared, perInput, crdFindings, stopped);
}
