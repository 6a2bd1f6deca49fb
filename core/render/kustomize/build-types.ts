import type { Finding } from '../../findings.ts';
import { type JsonObject, isJsonObject } from '../../manifests/json-value.ts';

/** Where a resource of a build came from: the file and the line its document starts on. */
export interface ResourceOrigin {
  path: string;
  line: number;
}

/** A name and namespace a resource had before a transformer changed them. */
export interface PreviousId {
  name: string;
  namespace: string;
}

/**
 * A resource while a kustomization builds, with what kustomize keeps beside it in internal
 * annotations: the ids it had before, the prefixes and suffixes it was given, and whether it came
 * from a generator (and so gets a content-hash suffix at the end of the build).
 */
export interface TrackedResource {
  object: JsonObject;
  origin: ResourceOrigin;
  /** Earlier names and namespaces, oldest first. */
  previous: PreviousId[];
  /** Non-empty namePrefix values applied, innermost kustomization first. */
  prefixes: string[];
  suffixes: string[];
  /**
   * The kind the resource had before a patch changed it (`allowKindChange`): kustomize picks the
   * fields that hold name references by that kind.
   */
  originalKind?: string;
  /** Set for generated ConfigMaps and Secrets: whether the name gets the content hash. */
  generated?: { hash: boolean };
}

/**
 * Why a build stopped, as a finding on the kustomization (or resource) file that caused it.
 * kustomize stops at the first error; so does the built-in engine, and says where.
 */
export class BuildStop extends Error {
  override name = 'BuildStop';
  readonly finding: Finding;
  constructor(finding: Finding) {
    super(finding.message);
    this.finding = finding;
  }
}

/** The `metadata` of a resource, or an empty object. */
export function metadataOf(resource: JsonObject): JsonObject {
  const metadata = resource['metadata'];
  return isJsonObject(metadata) ? metadata : {};
}

/** A string field's value, or `''`. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Name and namespace of a resource now. */
export function currentId(resource: JsonObject): PreviousId {
  const metadata = metadataOf(resource);
  return { name: textOf(metadata['name']), namespace: textOf(metadata['namespace']) };
}

/** Records a change of name or namespace between two versions of a tracked resource. */
export function recordRename(tracked: TrackedResource, next: JsonObject): void {
  const before = currentId(tracked.object);
  const after = currentId(next);
  if (before.name !== after.name || before.namespace !== after.namespace) tracked.previous.push(before);
  const kind = textOf(tracked.object['kind']);
  if (tracked.originalKind === undefined && kind !== textOf(next['kind'])) tracked.originalKind = kind;
  tracked.object = next;
}
