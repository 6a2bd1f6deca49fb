import type { Finding } from '../../findings.ts';
import type { JsonValue } from '../../manifests/json-value.ts';
import type { DirectoryEntry, FileSource } from '../../files/file-source.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import type { KustomizationFile } from './read-kustomization.ts';
import { BuildStop } from './build-types.ts';

/** What every step of one build shares. */
export interface BuildContext {
  files: FileSource;
  /** Folders of the kustomizations being built, outermost first (to catch cycles). */
  stack: string[];
  /** Findings that do not stop the build (notices about ignored fields). */
  notes: Finding[];
  /** Folder listings already read, by repository-relative folder. */
  listings: Map<string, Promise<DirectoryEntry[] | undefined>>;
  /** Parsed files shared by the builds of one run over the same files (see createBuildCache). */
  cache: BuildCache;
}

/**
 * What several builds over the same, unchanging files can share: the parsed kustomizations and
 * resource files (a base is read once for all the overlays that include it). Parsed values are
 * never changed by the engine's transformers, which return new objects.
 */
export interface BuildCache {
  kustomizations: Map<string, Promise<{ file?: KustomizationFile; findings: Finding[] }>>;
  resourceFiles: Map<string, Promise<{ value: JsonValue; line: number }[]>>;
}

/** An empty BuildCache. */
export function createBuildCache(): BuildCache {
  return { kustomizations: new Map(), resourceFiles: new Map() };
}

/** Memoises `load` under `key` in one of the cache's maps. */
export function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = map.get(key);
  if (pending === undefined) {
    pending = load();
    map.set(key, pending);
  }
  return pending;
}

/** The entries of a folder, read once per build. */
export function listFolder(context: BuildContext, dir: string): Promise<DirectoryEntry[] | undefined> {
  return cached(context.listings, dir, () => context.files.listDirectory(dir));
}

/** A BuildStop on a field of a kustomization, at the field's line and column. */
export function stopAt(
  file: KustomizationFile,
  pointer: string,
  message: string,
  ruleId: RuleId = 'kustomize-build',
): BuildStop {
  const { line, column } = file.locate(pointer);
  return new BuildStop({ ruleId, severity: 'error', message, path: file.path, line, column });
}

/** Escapes one JSON pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}
