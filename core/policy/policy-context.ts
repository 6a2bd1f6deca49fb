/**
 * What a policy evaluator is given about one environment, and what it gives back. The built-in
 * rules (rules/) are one evaluator; the ValidatingAdmissionPolicy evaluator is another: a new kind
 * of policy is one more entry in the list run-policy.ts runs, over this one context.
 */
import type { JsonObject } from '../manifests/json-value.ts';
import type { KubeproofConfig } from '../render/environments/types.ts';
import type { RenderedResource } from '../render/kustomize/build-kustomization.ts';
import type { RuleId } from '../rules/rule-catalog.ts';
import type { Severity } from '../rules/rule-entry.ts';
import type { PodSpecSite } from './pod-specs.ts';

/** A document of a file `policy.admissionPolicies` names (a policy, a binding, a params object). */
export interface PolicyDocument {
  /** Repository path of the file. */
  path: string;
  /** 1-based line where the document's body starts. */
  line: number;
  object: JsonObject;
}

export interface PolicyContext {
  /** The environment's name. */
  environment: string;
  /** The rendered head, as the cluster would receive it. */
  resources: readonly RenderedResource[];
  /** The rendered base (`oldObject`), undefined when there is none (a new environment, no base). */
  base: readonly RenderedResource[] | undefined;
  /** The environment's Namespace objects (namespace selectors match against them). */
  namespaces: readonly JsonObject[];
  /** `.kubeproof.yaml`, when there is one. */
  config: KubeproofConfig | undefined;
  /** The documents of the `policy.admissionPolicies` files, in file order. */
  admissionDocuments: readonly PolicyDocument[];
  /** The environment is production (`policy.production`, or the last of `promotion.order`). */
  production: boolean;
  /** The environment is protected (`promotion.protected`): mutable tags are refused. */
  protected: boolean;
  /** `promotion.mutableTags`: tags that can move, besides `latest` and none. */
  mutableTags: readonly string[];
  /** Every pod spec of the head (workloads, their templates, CronJobs' job templates), computed once. */
  pods: readonly PodSpecSite[];
  /** Whether a rule runs in this environment (not `off` in `policy.rules`). */
  enabled(ruleId: RuleId): boolean;
}

/**
 * One problem an evaluator found. The runner turns it into a `Finding`: the severity `policy.rules`
 * asks for, the file and line where `pointer` was written, the resource, suppressions applied.
 */
export interface PolicyHit {
  ruleId: RuleId;
  /** Never quotes a Secret's value. */
  message: string;
  /** Default: the rule's default severity in the catalog. */
  severity?: Severity;
  /** The head resource it is about: its index in `PolicyContext.resources`. */
  resource?: number;
  /** JSON pointer of the offending field in that resource (`/spec/template/spec/containers/0/image`). */
  pointer?: string;
  /** For a hit on no rendered resource (a policy file): where it is. */
  path?: string;
  line?: number;
  column?: number;
}

/** One kind of policy: the built-in rules, the team's ValidatingAdmissionPolicies. */
export interface PolicyEvaluator {
  /** What it evaluates, for messages: `built-in rules`. */
  name: string;
  evaluate(context: PolicyContext): PolicyHit[];
}
