/** What an updater is: it finds the image sites of one kind of file (docs/architecture.md, convention 4). */
import type { YamlSource } from '../../manifests/yaml-source.ts';
import type { TagField } from '../../render/environments/types.ts';
import type { SitesResult } from '../image-site.ts';

/**
 * What a file is to its environment: its kustomization, a patch it applies, a manifest it
 * deploys, or a Helm values file.
 */
export type FileRole = 'kustomization' | 'patch' | 'manifest' | 'helm-values';

/** A file of an environment's own (environment-files.ts) and what it is to it. */
export interface OwnFile {
  path: string;
  role: FileRole;
}

export interface UpdaterInput {
  path: string;
  source: YamlSource;
  role: FileRole;
  tagFields: readonly TagField[];
}

export interface Updater {
  /** Whether this updater reads the file. */
  appliesTo(input: UpdaterInput): boolean;
  sites(input: UpdaterInput): SitesResult;
}
