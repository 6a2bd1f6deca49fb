/**
 * The data of a change prediction: base and head of each environment, rendered, matched resource
 * by resource. Pure data: the diff engine (core/diff/) produces it, the report renderers
 * (core/report/) print it. No Secret value is ever stored here, only hashes and key names.
 */
import type { Finding, ResourceRef } from '../findings.ts';

export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One line of the semantic summary: `image app: 1.2 -> 1.3`, `replicas 2 -> 3`, `env LOG_LEVEL added`. */
export interface ChangeNote {
  /** Stable kind of note, for grouping and tests: `image`, `replicas`, `env`, `resources`, `container`, `secret-key`, `field`, `generated-name`, ... */
  kind: string;
  /** The note as a reviewer reads it, markdown-free text (renderers add formatting). */
  text: string;
  /** The same note in parts when it is a value change whose values are printed; `text` says it in words. */
  parts?: NoteParts;
}

/**
 * A value change as parts, for renderers that format them: the review comment shows `subject`,
 * `from` and `to` as code (`image \`ghcr.io/acme/web\` \`1.3\` → \`1.4\``). Values are as
 * printed: JSON-quoted when the type changed (`8080` → `"8080"`). Never a secret: notes are made
 * from redacted resources only.
 */
export interface NoteParts {
  /** Words before the subject: `image`, `memory limit`, `env`; empty for a field path. */
  label: string;
  /** What the label is about, shown as code: an image repository, a key, a field path. */
  subject?: string;
  /** Absent when the value was added: `label subject added: to`. */
  from?: string;
  to: string;
  /** Words after the values: ` (container sidecar)`, ` (number -> string)`. */
  suffix?: string;
}

export interface ResourceDiff {
  /** The resource's identity on the head side (on the base side when removed). */
  resource: ResourceRef;
  change: ChangeKind;
  /** Where the resource comes from on the head side (base side when removed). */
  origin?: { path: string; line: number };
  /** Human summary, most important first. Empty for unchanged resources. */
  notes: ChangeNote[];
  /**
   * Unified diff of the resource's YAML (base -> head), a few lines of context, with `# Kind ns/name`
   * as its first line. Secret values are replaced by a redaction marker before diffing. Empty
   * for unchanged resources.
   */
  unifiedDiff: string;
  /** The generated name on each side when a hash-suffixed name changed (`web-config-abc` -> `web-config-def`). */
  renamed?: { from: string; to: string };
}

export interface EnvironmentDiff {
  /** Environment name. */
  environment: string;
  /** Repository-relative folder. */
  path: string;
  /** `changed` when anything was added, removed or changed; `unchanged`; `error` when a side did not render. */
  status: 'changed' | 'unchanged' | 'error';
  /** Only resources that are added, removed or changed, in output order (kind, namespace, name). */
  resources: ResourceDiff[];
  counts: { added: number; removed: number; changed: number; unchanged: number };
  /** Render problems of either side (prefixed with the side in the message) and diff notices. */
  findings: Finding[];
  /**
   * The changed files of the pull request that this environment's rendering reads (its
   * kustomization folders, patches, bases, values files, declaring manifests), sorted; absent when
   * not known (no base, or no list of changed files).
   */
  sources?: string[];
}
