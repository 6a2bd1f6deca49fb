/** What an updater is: it finds the image sites of one kind of file (docs/architecture.md, convention 4). */
import type { YamlSource } from '../../manifests/yaml-source.ts';
import type { TagField } from '../../render/environments/types.ts';
import type { SitesResult } from '../image-site.ts';

/**
 * What a file is to its environment: its kustomization, a patch it applies, a manifest it
 * deploys, a Helm values file, or the Argo CD Application or Flux HelmRelease that declares a
 * Helm environment (only `documents` of it are the environment's).
 */
export type FileRole = 'kustomization' | 'patch' | 'manifest' | 'helm-values' | 'declaration';

/** A file of an environment's own (environment-files.ts) and what it is to it. */
export interface OwnFile {
  path: string;
  role: FileRole;
  /** Only these documents (0-based) are the environment's: a declaration's. */
  documents?: number[];
  /** A declaration's: the folder the environment renders (only an Application's sources there are its). */
  sourcePath?: string;
}

export interface UpdaterInput {
  path: string;
  source: YamlSource;
  role: FileRole;
  tagFields: readonly TagField[];
  /** Only these documents (0-based) are read; all when absent. */
  documents?: readonly number[];
  /** Only the Application sources with this `path` (normalised) are read; all when absent. */
  sourcePath?: string;
}

/** The documents of the input an updater reads, with their index. */
export function inputDocuments(input: UpdaterInput): { index: number; root: unknown }[] {
  const out: { index: number; root: unknown }[] = [];
  input.source.documents.forEach((document, index) => {
    if (input.documents === undefined || input.documents.includes(index))
      out.push({ index, root: document.contents });
  });
  return out;
}

export interface Updater {
  /** Whether this updater reads the file. */
  appliesTo(input: UpdaterInput): boolean;
  sites(input: UpdaterInput): SitesResult;
}
