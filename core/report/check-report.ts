/**
 * The pull-request check's report: everything `kubeproof check` found, as data, the one input of
 * every renderer (comment, text, JSON, check run, SARIF). The adapters fill it, the renderers print it.
 */
import type { EnvironmentDiff } from '../diff/types.ts';
import type { Finding } from '../findings.ts';
import type { SchemaUse } from '../validate/result.ts';

/** A kind that had no schema, said once per report instead of once per resource. */
export interface MissingSchema {
  apiVersion: string;
  kind: string;
  /** How many resources of this kind were not validated for want of a schema. */
  resources: number;
  /** Why, when there is more to say: `no strict schema: … found no error but cannot see unknown fields`. */
  detail?: string;
}

/** The outcome of one checker (validation, policy) for one environment's rendered head. */
export interface EnvironmentCheck {
  environment: string;
  /** Number of resources checked. */
  resources: number;
  errors: number;
  warnings: number;
  findings: Finding[];
  /** Resources that were not validated (no schema, schemas unreachable or unable to honour the request). */
  notValidated?: number;
  /** The kinds of this environment that no schema validated (validation only). */
  missingSchemas?: MissingSchema[];
  /** The schemas that validated this environment's resources (validation only). */
  schemas?: SchemaUse[];
  /** Findings that resources' `kubeproof.dev/ignore` annotations suppressed (policy only). */
  suppressed?: number;
  /**
   * Policy findings the base already had (same rule, resource and field): not the change's doing,
   * so counted here instead of listed (policy only; `kubeproof policy` without a base lists all).
   */
  existing?: number;
}

/** How the report was produced, printed in the footer; where the full output is. */
export interface ReportMeta {
  /** The renderer, as a reader names it: `built-in Kustomize engine`, `kustomize v5.5.0`. */
  renderer: string;
  durationMs: number;
  /** Kubernetes version of the schemas: `1.31.0`. */
  kubernetesVersion: string;
  strict: boolean;
  /** True when the repository (or a rendered environment) holds CustomResourceDefinitions. */
  crdsFromRepo: boolean;
  /** The schemas actually used, when known: the footer names them instead of the request. */
  schemas?: SchemaUse[];
  /** Head commit SHA; the footer shows its first 7 characters. */
  commit?: string;
  /**
   * Where the head's files are on the web, for links to a finding's file and line:
   * `{server}/{repository}/blob/{sha}/{pathPrefix}{path}#L{line}`. Absent: no links (the CLI).
   */
  sourceLinks?: SourceLinks;
  /** Where the full, never shortened output is: job summary, check run or workflow run page. */
  fullReportUrl?: string;
  /** What `fullReportUrl` points at, for the link text: `job summary`, `check run`. Default `full report`. */
  fullReportLabel?: string;
  /** Name of the workflow artifact that holds the full output. */
  artifactName?: string;
  /**
   * False when the head was not validated (`kubeproof diff`): no verdict on validity, no validation
   * column, no schemas in the footer. Default true.
   */
  validated?: boolean;
  /**
   * False when the policy checks were turned off (`-policy=false`): the footer says so instead of
   * leaving it unsaid. Default true when `CheckReport.policy` is there.
   */
  policy?: boolean;
  /** How many ValidatingAdmissionPolicies the policy pass evaluated (absent: none). */
  admissionPolicies?: number;
  /**
   * False when there was no base to compare with: each environment's resources are what it holds,
   * not changes, and the report says so. Default true.
   */
  compared?: boolean;
}

/** The head commit on the web: `https://github.com`, `acme/gitops`, the SHA, the checked folder. */
export interface SourceLinks {
  server: string;
  /** `owner/name`. */
  repository: string;
  sha: string;
  /** The checked folder from the repository root, with a trailing `/`; empty at the top. */
  pathPrefix?: string;
}

export interface CheckReport {
  environments: EnvironmentDiff[];
  validation: EnvironmentCheck[];
  /** Policy results; absent when no policy ran (the table then has no policy column). */
  policy?: EnvironmentCheck[];
  /**
   * Set when the folder holds no environment at all (none declared, none discovered), so nothing
   * was checked: where kubeproof looked and how to declare environments, one line.
   */
  noEnvironment?: string;
  /**
   * Set when the change reaches no environment while discovery met GitOps manifests it could not
   * turn into environments (sources of other repositories or branches, generators it cannot
   * expand, missing folders): one line each, `file:line: why`. "No environment affected" then
   * holds only for what kubeproof understood, and the report says so.
   */
  notUnderstood?: string[];
  /**
   * Environments the configuration marks as production (the last of `promotion.order`); the report
   * lists them, and those whose names say so (`prod`, `production`, `live`), before the others.
   */
  production?: string[];
  meta: ReportMeta;
}
