/**
 * The places where an environment's files write an image's version, as the updaters find them
 * (updaters/index.ts), and what it takes to change one.
 */
import type { TextEdit, ValueChange } from '../manifests/scalar-edit.ts';

/** A version of an image: a tag and a digest (`sha256:...`), `''` when there is none. */
export interface ImageVersion {
  tag: string;
  digest: string;
}

/** The edits that set a site to a version, or why it cannot be done. */
export type SitePlan =
  { ok: true; edits: TextEdit[]; changes: ValueChange[] } | { ok: false; reason: string };

/** One place in one file that writes (part of) an image's version. */
export interface ImageSite {
  /** The updater that found it (a key of UPDATERS). */
  updater: string;
  file: string;
  /** 1-based line of the value. */
  line: number;
  /** Offset of the value in the file's text: two updaters that find the same value find one site. */
  offset: number;
  /** What the place is, for reports: `images[0].newTag`, `containers[web].image`. */
  field: string;
  /** The image as it runs (repository, without tag or digest). */
  image: string;
  /** Other names the image goes by here (the `name` a kustomize `newName` replaces). */
  aliases: string[];
  /** What the place says; a field it cannot hold is undefined (a `:tag` marker says no digest). */
  current: { tag?: string; digest?: string };
  /** The edits that make the place say `next`. */
  plan(next: ImageVersion): SitePlan;
}

/** A site that is an image but cannot be changed, and why (reported, never silently skipped). */
export interface SiteProblem {
  file: string;
  line: number;
  image?: string;
  /** Other names the image goes by here. */
  aliases?: string[];
  message: string;
}

/** What an updater found in one file. */
export interface SitesResult {
  sites: ImageSite[];
  problems: SiteProblem[];
}

/** `tag@digest`, `tag`, `@digest` or `(none)`, for reports. */
export function showVersion(version: { tag?: string | undefined; digest?: string | undefined }): string {
  const tag = version.tag ?? '';
  const digest = version.digest ?? '';
  if (tag === '' && digest === '') return '(none)';
  return `${tag}${digest === '' ? '' : `@${digest}`}`;
}
