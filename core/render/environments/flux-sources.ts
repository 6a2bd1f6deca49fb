/**
 * Which folder of this repository a Flux `sourceRef` stands for, the way Flux resolves a path: a
 * Kustomization's `spec.path` is relative to the root of its source's artifact.
 * - `GitRepository` declared in the repository: this repository when its `spec.url` names it
 *   (repository-identity.ts) and it follows the branch checked (`spec.ref.branch`, `master` when
 *   no ref is given, as source-controller defaults); pinned to a tag, semver range, name or commit,
 *   or on another branch, it does not deploy this change: ignored, with a notice. Without a known
 *   URL for this repository, taken to be this repository (the detail says so).
 * - `GitRepository` not declared: `flux-system` is the one `flux bootstrap` creates for this
 *   repository (its gotk-sync.yaml may be generated); any other is taken to be this repository.
 * - `ExternalArtifact`: resolved through the `ArtifactGenerator` (source-watcher) of the repository
 *   that produces it, when its copy rules copy folder trees (`@alias/dir/**` to `@artifact/dest/`)
 *   of a GitRepository of this repository: the artifact path `dest/x` is the folder `dir/x`.
 * - `OCIRepository` and `Bucket`: never taken to be this repository (an OCI artifact pushed with
 *   `flux push artifact` or a bucket says nothing of the folder it was built from): ignored, with
 *   a notice saying to declare the folder in `.kubeproof.yaml` to check it.
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#source-reference
 * https://fluxcd.io/flux/components/source/gitrepositories/#reference
 * https://fluxoperator.dev/docs/crd/artifactgenerator
 */
import { type JsonValue, isJsonObject } from '../../manifests/json-value.ts';
import { joinRepoPath } from '../../files/repo-paths.ts';
import { stringAt } from './gitops-target.ts';
import { describeRepository, isThisRepository, type RepositoryIdentity } from './repository-identity.ts';
import type { GitOpsDocument } from './scan-manifests.ts';

export interface SourceRef {
  kind: string;
  name: string;
  /** The referring object's namespace when the ref has none. */
  namespace?: string;
  /**
   * The file of the referring object. Each cluster declares its own sources, often under the same
   * names (`flux-system`): the one sharing the longest folder with the referrer is taken.
   */
  from?: string;
}

function sharedFolders(a: string, b: string): number {
  const left = a.split('/').slice(0, -1);
  const right = b.split('/').slice(0, -1);
  let n = 0;
  while (n < left.length && left[n] === right[n]) n++;
  return n;
}

/** The documents, the ones nearest to `from` first (stable otherwise). */
function nearest(documents: readonly GitOpsDocument[], from: string | undefined): GitOpsDocument[] {
  if (from === undefined) return [...documents];
  return documents
    .map((doc, index) => ({ doc, index, shared: sharedFolders(doc.file, from) }))
    .sort((a, b) => b.shared - a.shared || a.index - b.index)
    .map(({ doc }) => doc);
}

/** A source of this repository: where its artifact's root is, and how artifact paths map to folders. */
export interface OurSource {
  ours: true;
  /** The manifests that declare the source (a change to them affects what it deploys). */
  declaredIn?: string[];
  /** The repository folder of an artifact path (normalised), undefined when it maps to none. */
  folderOf(path: string): string | undefined;
  notes: string[];
}

/** A source that is not built from this repository (or not from this branch): why, for a notice. */
export interface OtherSource {
  ours: false;
  reason: string;
}

export type SourceResolution = OurSource | OtherSource;

const AS_IS = (path: string): string => path;

function refLabel(ref: SourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

function find(
  documents: readonly GitOpsDocument[],
  kind: string,
  ref: SourceRef,
): GitOpsDocument | undefined {
  return nearest(documents, ref.from).find((doc) => {
    const metadata = doc.content['metadata'];
    if (doc.content['kind'] !== kind || stringAt(metadata, 'name') !== ref.name) return false;
    const namespace = stringAt(metadata, 'namespace');
    return ref.namespace === undefined || namespace === undefined || namespace === ref.namespace;
  });
}

/** The branch a GitRepository follows, or what pins it. */
function followed(spec: JsonValue | undefined): { branch: string } | { pinned: string } {
  const ref = isJsonObject(spec) ? spec['ref'] : undefined;
  for (const key of ['commit', 'name', 'semver', 'tag'] as const) {
    const value = stringAt(ref, key);
    if (value) return { pinned: `${key} ${value}` };
  }
  return { branch: stringAt(ref, 'branch') ?? 'master' };
}

function gitRepository(
  ref: SourceRef,
  documents: readonly GitOpsDocument[],
  repository: RepositoryIdentity | undefined,
): SourceResolution {
  const label = refLabel(ref);
  const doc = find(documents, 'GitRepository', ref);
  if (ref.name === '') return { ours: true, folderOf: AS_IS, notes: [] };
  if (!doc) {
    const why =
      ref.name === 'flux-system'
        ? `${label} (flux bootstrap's) taken to be this repository`
        : `${label} is not declared in this repository: taken to be this repository`;
    return { ours: true, folderOf: AS_IS, notes: [why] };
  }
  const spec = doc.content['spec'];
  const url = stringAt(spec, 'url') ?? '';
  const ours = isThisRepository(repository, url);
  if (ours === false && repository)
    return {
      ours: false,
      reason: `${label} (${url}, ${doc.file}) is another repository than ${describeRepository(repository)}`,
    };
  const follows = followed(spec);
  if ('pinned' in follows)
    return {
      ours: false,
      reason: `${label} (${doc.file}) is pinned to ${follows.pinned}: a change on a branch reaches it only once tagged or pinned`,
    };
  if (repository?.branch !== undefined && follows.branch !== repository.branch)
    return {
      ours: false,
      reason: `${label} (${doc.file}) follows branch ${follows.branch}, and this check is of branch ${repository.branch}`,
    };
  const unknownBranch = repository?.branch === undefined;
  const notes: string[] = [];
  if (ours === undefined)
    notes.push(
      `${label} (${url}${unknownBranch ? `, branch ${follows.branch}` : ''}) taken to be this repository`,
    );
  else if (unknownBranch)
    notes.push(`${label} follows branch ${follows.branch}, taken to be the branch checked`);
  return { ours: true, folderOf: AS_IS, notes, declaredIn: [doc.file] };
}

/** `@alias/dir/**` -> `{alias, dir}`; undefined for other copy sources (file globs, single files). */
function treeCopy(from: string): { alias: string; dir: string } | undefined {
  const match = /^@([^/]+)\/(?:(.*?)\/)?\*\*$/.exec(from);
  if (!match) return undefined;
  const dir = joinRepoPath('', match[2] ?? '');
  return dir === undefined ? undefined : { alias: match[1] as string, dir };
}

function externalArtifact(
  ref: SourceRef,
  documents: readonly GitOpsDocument[],
  repository: RepositoryIdentity | undefined,
): SourceResolution {
  const label = refLabel(ref);
  for (const doc of nearest(documents, ref.from)) {
    if (doc.kind !== 'ArtifactGenerator') continue;
    const spec = isJsonObject(doc.content['spec']) ? doc.content['spec'] : {};
    const namespace = stringAt(doc.content['metadata'], 'namespace');
    if (ref.namespace !== undefined && namespace !== undefined && namespace !== ref.namespace) continue;
    const artifacts = Array.isArray(spec['artifacts']) ? spec['artifacts'] : [];
    const artifact = artifacts.find((item) => stringAt(item, 'name') === ref.name);
    if (!isJsonObject(artifact)) continue;
    const generator = `ArtifactGenerator ${stringAt(doc.content['metadata'], 'name') ?? ''} (${doc.file})`;
    const sources = Array.isArray(spec['sources']) ? spec['sources'] : [];
    const copies = Array.isArray(artifact['copy']) ? artifact['copy'] : [];
    const mappings: { dest: string; dir: string }[] = [];
    const declaredIn = new Set([doc.file]);
    const notes: string[] = [`${label} of ${generator}`];
    for (const copy of copies) {
      const from = stringAt(copy, 'from') ?? '';
      const to = /^@artifact\/?(.*)$/.exec(stringAt(copy, 'to') ?? '');
      const tree = treeCopy(from);
      const dest = to ? joinRepoPath('', to[1] ?? '') : undefined;
      if (!tree || dest === undefined) {
        notes.push(`copy ${JSON.stringify(from)} not followed (only folder trees, @alias/dir/**, are)`);
        continue;
      }
      const source = sources.find((item) => stringAt(item, 'alias') === tree.alias);
      const sourceRef: SourceRef = {
        kind: stringAt(source, 'kind') ?? 'GitRepository',
        name: stringAt(source, 'name') ?? '',
      };
      sourceRef.from = doc.file;
      const sourceNamespace = stringAt(source, 'namespace') ?? namespace;
      if (sourceNamespace) sourceRef.namespace = sourceNamespace;
      if (sourceRef.kind !== 'GitRepository')
        return {
          ours: false,
          reason: `${label} is built by ${generator} from ${refLabel(sourceRef)}, not from a git repository`,
        };
      const resolved = gitRepository(sourceRef, documents, repository);
      if (!resolved.ours)
        return { ours: false, reason: `${label} is built by ${generator} from ${resolved.reason}` };
      for (const note of resolved.notes) if (!notes.includes(note)) notes.push(note);
      for (const file of resolved.declaredIn ?? []) declaredIn.add(file);
      mappings.push({ dest, dir: tree.dir });
    }
    return {
      ours: true,
      notes,
      declaredIn: [...declaredIn],
      folderOf(path) {
        // The most specific copy whose destination holds the path.
        const hits = mappings
          .filter(({ dest }) => dest === '' || path === dest || path.startsWith(`${dest}/`))
          .sort((a, b) => b.dest.length - a.dest.length);
        const hit = hits[0];
        if (!hit) return undefined;
        return joinRepoPath(hit.dir, hit.dest === '' ? path : path.slice(hit.dest.length + 1));
      },
    };
  }
  return {
    ours: false,
    reason: `${label} is not produced by an ArtifactGenerator of this repository`,
  };
}

/** What a Flux sourceRef stands for in this repository. */
export function resolveFluxSource(
  ref: SourceRef,
  documents: readonly GitOpsDocument[],
  repository: RepositoryIdentity | undefined,
): SourceResolution {
  if (ref.kind === 'GitRepository') return gitRepository(ref, documents, repository);
  if (ref.kind === 'ExternalArtifact') return externalArtifact(ref, documents, repository);
  const where = find(documents, ref.kind, ref);
  const url = where
    ? ` (${stringAt(where.content['spec'], 'url') ?? stringAt(where.content['spec'], 'bucketName') ?? ''}, ${where.file})`
    : '';
  if (ref.kind === 'OCIRepository')
    return {
      ours: false,
      reason: `${refLabel(ref)}${url} is an artifact in a registry (flux push artifact): kubeproof cannot tell which folder of which repository it was built from; declare that folder in .kubeproof.yaml to check it`,
    };
  return {
    ours: false,
    reason: `${refLabel(ref)}${url} is not a git repository kubeproof can read; declare the folder in .kubeproof.yaml to check it`,
  };
}
