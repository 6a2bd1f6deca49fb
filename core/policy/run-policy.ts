import { createFieldLocator, type FieldLocator } from '../check/source-positions.ts';
import type { FileSource } from '../files/file-source.ts';
import type { Finding, ResourceRef } from '../findings.ts';
import type { JsonObject } from '../manifests/json-value.ts';
import type { KubeproofConfig } from '../render/environments/types.ts';
import type { RenderedEnvironment } from '../render/render-environments.ts';
import { RULES } from '../rules/rule-catalog.ts';
import { ADMISSION_EVALUATOR } from './admission-evaluator.ts';
import { BUILTIN_EVALUATOR } from './builtin-rules.ts';
import { createImageEntryLocator, type ImageEntryLocator } from './image-entries.ts';
import type { PolicyContext, PolicyDocument, PolicyEvaluator, PolicyHit } from './policy-context.ts';
import { environmentPolicySettings } from './policy-settings.ts';
import { podSpecs, resourceName, valueAtPointer } from './pod-specs.ts';
import { suppression, type Suppression } from './suppressions.ts';

/** The evaluators the check runs: the built-in rules, then the team's ValidatingAdmissionPolicies. */
export const POLICY_EVALUATORS: readonly PolicyEvaluator[] = [BUILTIN_EVALUATOR, ADMISSION_EVALUATOR];

export interface PolicyInput {
  /** The environment's rendered head. */
  head: RenderedEnvironment;
  /** Its rendered base, when there is one. */
  base?: RenderedEnvironment | undefined;
  config: KubeproofConfig | undefined;
  /** The documents of `policy.admissionPolicies` (loadAdmissionDocuments). */
  admissionDocuments?: readonly PolicyDocument[];
}

export interface PolicyDeps {
  /** The head's files: findings then point at the line that wrote the field; without them, at the resource. */
  files?: FileSource;
  /** Shared across environments so each file is parsed once. */
  locators?: PolicyLocators;
  /** Default POLICY_EVALUATORS. */
  evaluators?: readonly PolicyEvaluator[];
}

/** What maps a hit back to the repository; make one per check with createPolicyLocators. */
export interface PolicyLocators {
  field: FieldLocator;
  image: ImageEntryLocator;
}

export function createPolicyLocators(files: FileSource): PolicyLocators {
  return { field: createFieldLocator(files), image: createImageEntryLocator(files) };
}

/** What one environment's policy found, and how much it left out. */
export interface PolicyRun {
  findings: Finding[];
  /**
   * What each finding is about, as the same problem on another render of the environment: the
   * rule, the resource and the field (or, without a field, the message). A version bump changes a
   * finding's message, not this: the base's findings with the same key are not the change's doing.
   */
  keys: string[];
  /** Findings the resources' kubeproof.dev/ignore annotations suppressed. */
  suppressed: number;
}

function resourceRef(object: JsonObject): ResourceRef {
  const { name, namespace } = resourceName(object);
  return {
    apiVersion: typeof object['apiVersion'] === 'string' ? object['apiVersion'] : '',
    kind: typeof object['kind'] === 'string' ? object['kind'] : '',
    name,
    ...(namespace === undefined ? {} : { namespace }),
  };
}

/** The context the evaluators share for one environment. */
export function policyContext(input: PolicyInput): PolicyContext {
  const { head, config } = input;
  const settings = environmentPolicySettings(config, head.environment.name);
  return {
    environment: head.environment.name,
    resources: head.resources,
    base: input.base?.ok === true ? input.base.resources : undefined,
    namespaces: head.resources.map(({ object }) => object).filter((object) => object['kind'] === 'Namespace'),
    config,
    admissionDocuments: input.admissionDocuments ?? [],
    production: settings.production,
    protected: settings.protected,
    mutableTags: settings.mutableTags,
    pods: podSpecs(head.resources),
    enabled: (ruleId) => settings.setting(ruleId) !== 'off',
  };
}

/**
 * The policy checks of one rendered environment: every evaluator over one context, then
 * `.kubeproof.yaml` `policy` applied (a rule `off` is dropped, a severity given replaces the
 * finding's), the resources' `kubeproof.dev/ignore` annotations applied, and each finding placed at
 * the file and line that wrote the offending field: an overlay's patch, the kustomization's
 * `images:` entry, or the base manifest.
 */
export async function runPolicy(input: PolicyInput, deps: PolicyDeps = {}): Promise<PolicyRun> {
  const context = policyContext(input);
  const settings = environmentPolicySettings(input.config, context.environment);
  const evaluators = deps.evaluators ?? POLICY_EVALUATORS;
  const hits: PolicyHit[] = evaluators.flatMap((evaluator) => evaluator.evaluate(context));
  const suppressions = new Map<number, Suppression>();
  context.resources.forEach((resource, index) => {
    const found = suppression(resource, index);
    if (found === undefined) return;
    suppressions.set(index, found);
    hits.push(...found.problems);
  });
  const locators = deps.locators ?? (deps.files === undefined ? undefined : createPolicyLocators(deps.files));
  const { head } = input;
  const origins = new Set(head.resources.map(({ origin }) => `${origin.path}:${origin.line}`));
  const findings: Finding[] = [];
  const keys: string[] = [];
  let suppressed = 0;
  for (const hit of hits) {
    const setting = settings.setting(hit.ruleId);
    if (setting === 'off') continue;
    const resource = hit.resource === undefined ? undefined : head.resources[hit.resource];
    if (
      hit.resource !== undefined &&
      hit.ruleId !== 'policy-ignore' &&
      suppressions.get(hit.resource)?.rules.has(hit.ruleId) === true
    ) {
      suppressed++;
      continue;
    }
    const finding: Finding = {
      ruleId: hit.ruleId,
      severity:
        setting === undefined || setting === 'on'
          ? (hit.severity ?? RULES[hit.ruleId].defaultSeverity)
          : setting,
      message: hit.message,
      path: hit.path ?? resource?.origin.path ?? (head.environment.path || '.'),
    };
    const line = hit.line ?? resource?.origin.line;
    if (line !== undefined) finding.line = line;
    if (hit.column !== undefined) finding.column = hit.column;
    if (resource !== undefined) {
      finding.resource = resourceRef(resource.object);
      if (locators !== undefined && hit.pointer !== undefined) {
        const written = hit.pointer.endsWith('/image')
          ? await imageEntry(locators, head.environment.path, resource.object, hit.pointer)
          : undefined;
        const at =
          written ??
          (await locators.field(resource.origin, resource.object, hit.pointer, {
            kind: finding.resource.kind,
            ...(finding.resource.name === '' ? {} : { name: finding.resource.name }),
            folders: [head.environment.path],
            origins,
          }));
        finding.path = at.path;
        finding.line = at.line;
        if (at.column !== undefined) finding.column = at.column;
      }
    }
    findings.push(finding);
    const ref = finding.resource;
    keys.push(
      JSON.stringify([
        hit.ruleId,
        finding.severity,
        ref?.kind ?? '',
        ref?.namespace ?? '',
        ref?.name ?? '',
        hit.pointer ?? hit.message,
      ]),
    );
  }
  return { findings, keys, suppressed };
}

/** Where the kustomization's `images:` entry wrote the image at `pointer`, if one did. */
async function imageEntry(
  locators: PolicyLocators,
  folder: string,
  object: JsonObject,
  pointer: string,
): Promise<{ path: string; line: number; column: number } | undefined> {
  const image = valueAtPointer(object, pointer);
  return typeof image === 'string' ? locators.image(folder, image) : undefined;
}
