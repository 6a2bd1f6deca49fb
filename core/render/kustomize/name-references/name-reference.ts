import { type JsonObject, scalarString } from '../../../manifests/json-value.ts';
import {
  type Candidate,
  type Rename,
  type ResourceIdentity,
  buildCandidates,
  describeId,
  identityOf,
  renameDescribes,
} from './name-reference-candidates.ts';
import { type Slot, visitFieldPath } from './name-reference-fields.ts';
import {
  type ReferrerScope,
  candidatesInNamespace,
  scopeOf,
  selectReferral,
} from './name-reference-select.ts';
import { type GvkSelector, type ReferrerField, NAME_REFERENCE_TABLE } from './name-reference-table.ts';

export type { Rename } from './name-reference-candidates.ts';

/** The result of a name reference fix-up: new resources, and kustomize's errors as messages. */
export interface NameReferenceResult {
  resources: JsonObject[];
  problems: string[];
}

interface Step {
  target: GvkSelector;
  field: ReferrerField;
}

function isSelectedBy(selector: GvkSelector, id: ResourceIdentity): boolean {
  if (selector.group && selector.group !== id.group) return false;
  if (selector.version && selector.version !== id.version) return false;
  return selector.kind === id.kind;
}

/** The fields of this resource that may refer to something, in kustomize's order. */
function stepsFor(id: ResourceIdentity): Step[] {
  const steps: Step[] = [];
  for (const { target, referrers } of NAME_REFERENCE_TABLE) {
    for (const field of referrers) if (isSelectedBy(field, id)) steps.push({ target, field });
  }
  return steps;
}

function allNamesSame(candidates: readonly Candidate[]): boolean {
  return candidates.every((candidate) => candidate.name === candidates[0]?.name);
}

function allNamesAndNamespacesSame(candidates: readonly Candidate[]): boolean {
  const first = candidates[0];
  return candidates.every((c) => c.name === first?.name && c.namespace === first.namespace);
}

/** Rewrites one name: the referral's new name, when exactly one referral fits. */
function fixScalar(slot: Slot, step: Step, scope: ReferrerScope, problems: string[]): void {
  const oldName = scalarString(slot.value) ?? '';
  const selection = selectReferral(
    oldName,
    scope.candidates,
    step.target,
    scope,
    step.field.path,
    allNamesSame,
  );
  if ('problem' in selection) problems.push(selection.problem);
  else if (selection.referral !== undefined && selection.referral.name !== oldName)
    slot.set(selection.referral.name);
}

/** Rewrites a `{ name, namespace }` mapping (subjects, webhook services): name and namespace both. */
function fixMapping(map: JsonObject, step: Step, scope: ReferrerScope, problems: string[]): void {
  if (!Object.hasOwn(map, 'name')) {
    problems.push("path config error; no 'name' field in node");
    return;
  }
  const oldName = scalarString(map['name']) ?? '';
  const candidates = Object.hasOwn(map, 'namespace')
    ? candidatesInNamespace(scope, scalarString(map['namespace']) ?? '')
    : scope.candidates;
  const selection = selectReferral(
    oldName,
    candidates,
    step.target,
    scope,
    step.field.path,
    allNamesAndNamespacesSame,
  );
  if ('problem' in selection) {
    problems.push(selection.problem);
    return;
  }
  const referral = selection.referral;
  if (referral === undefined || (referral.name === oldName && referral.namespace === '')) return;
  map['name'] = referral.name;
  // An empty namespace is not written: it would replace an explicit `default`.
  if (referral.namespace !== '') map['namespace'] = referral.namespace;
}

function fixSlot(slot: Slot, step: Step, scope: ReferrerScope, problems: string[]): void {
  const value = slot.value;
  if (value === null) return;
  if (Array.isArray(value)) {
    // A list of names (rules/resourceNames) or of mappings (subjects); other items are skipped.
    value.forEach((item, i) => {
      if (item === null || Array.isArray(item)) return;
      if (typeof item === 'object') fixMapping(item, step, scope, problems);
      else fixScalar({ value: item, set: (name) => (value[i] = name) }, step, scope, problems);
    });
    return;
  }
  if (typeof value === 'object') fixMapping(value, step, scope, problems);
  else fixScalar(slot, step, scope, problems);
}

function affixesOf(id: ResourceIdentity, renames: readonly Rename[]) {
  const rename = renames.find(
    (r) => renameDescribes(r, id) && (r.prefixes !== undefined || r.suffixes !== undefined),
  );
  return { prefixes: rename?.prefixes ?? [], suffixes: rename?.suffixes ?? [] };
}

function originalNamespaceOf(id: ResourceIdentity, renames: readonly Rename[]): string {
  return renames.find((r) => renameDescribes(r, id))?.fromNamespace ?? id.namespace;
}

/**
 * Rewrites references to renamed resources across all resources, as kustomize's nameReference
 * transformer does; pure, returns new objects. Ambiguities kustomize reports as errors are
 * returned as problems (the field is then left as it was).
 *
 * `resources` are the resources of the build with their names and namespaces as they will be
 * printed; `renames` lists every change of name or namespace (see {@link Rename}). A reference is
 * rewritten when it names a previous name of exactly one resource of the referred kind that the
 * referrer can see (its namespace, cluster-scoped resources, a RoleBinding's ServiceAccount
 * subjects' namespaces; everything for a cluster-scoped referrer), with ties broken by the
 * prefixes and suffixes both carry. References to resources outside the build are left alone.
 */
export function fixNameReferences(
  resources: readonly JsonObject[],
  renames: readonly Rename[],
  /** Per resource, the kind whose referring fields apply when a patch changed its kind. */
  referrerKinds: readonly (string | undefined)[] = [],
): NameReferenceResult {
  const output = resources.map((resource) => structuredClone(resource));
  const identities = output.map(identityOf);
  const candidates = buildCandidates(renames, identities);
  const scoped = identities.map((identity) => ({
    identity,
    originalNamespace: originalNamespaceOf(identity, renames),
  }));
  const problems: string[] = [];
  output.forEach((referrer, i) => {
    const identity = identities[i] as ResourceIdentity;
    const referrerKind = referrerKinds[i];
    const steps = stepsFor(referrerKind === undefined ? identity : { ...identity, kind: referrerKind });
    if (steps.length === 0) return;
    const scope = scopeOf(referrer, identity, affixesOf(identity, renames), candidates, scoped);
    for (const step of steps) {
      const found: string[] = [];
      found.push(...visitFieldPath(referrer, step.field.path, (slot) => fixSlot(slot, step, scope, found)));
      for (const problem of found)
        problems.push(
          `updating name reference in '${step.field.path}' field of '${describeId(identity)}': ${problem}`,
        );
    }
  });
  return { resources: output, problems };
}
