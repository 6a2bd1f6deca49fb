import type { Finding } from '../../findings.ts';
import { type JsonValue, isJsonObject } from '../../manifests/json-value.ts';
import type { RuleId } from '../../rules/rule-catalog.ts';
import type { Position } from './locate.ts';
import type { DirectorySettings, HelmSettings, Renderer } from './types.ts';

/** ruleId of every finding of environment discovery. */
export const DISCOVERY_RULE = 'environments' satisfies RuleId;

/** A folder of this repository that an Argo CD or Flux object deploys. */
export interface GitOpsTarget {
  source: 'argocd' | 'flux';
  /** The name the GitOps tool shows (Application name, Flux Kustomization or HelmRelease name). */
  name: string;
  /** Repository-relative folder. */
  path: string;
  /**
   * A renderer the manifest asks for explicitly (Argo CD `helm:`, `kustomize:`, `directory:`;
   * `helm` for a Flux HelmRelease).
   */
  renderer?: Renderer;
  /** Helm settings from the manifest, used when the environment is rendered with Helm. */
  helm?: HelmSettings;
  /** Argo CD directory settings, used when the environment is rendered as plain manifests. */
  directory?: DirectorySettings;
  /** Other names to try before `name@path` when names collide (`namespace/name`). */
  otherNames?: string[];
  /** What the manifest is, for messages: `Argo CD Application acme-shop-dev`. */
  label: string;
  /** Assumptions and settings kubeproof does not apply, for the environment's detail. */
  notes: string[];
  /** The manifest and where in it the path is decided. */
  file: string;
  at: Position;
  /** True for an Application an ApplicationSet generates. */
  generated?: boolean;
  /** Other manifests the rendering reads (ConfigMaps and Secrets of a HelmRelease's `valuesFrom`). */
  alsoReads?: string[];
}

export interface TargetsResult {
  targets: GitOpsTarget[];
  findings: Finding[];
}

/** A finding of discovery at a position of a manifest. */
export function discoveryFinding(
  severity: Finding['severity'],
  message: string,
  file: string,
  at: Position,
): Finding {
  return { ruleId: DISCOVERY_RULE, severity, message, path: file, line: at.line, column: at.column };
}

export function stringAt(object: JsonValue | undefined, key: string): string | undefined {
  if (!isJsonObject(object)) return undefined;
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}
