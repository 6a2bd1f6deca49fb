/**
 * The folder a Flux Kustomization (kustomize.toolkit.fluxcd.io) deploys: `spec.path`, relative to
 * the root of its source (`./clusters/prod`; the root when absent). kustomize-controller builds it
 * with kustomize, generating a kustomization.yaml over every manifest below the folder when it has
 * none. `spec.sourceRef` is resolved by flux-sources.ts: a source not built from this repository
 * (another repository or branch, an OCIRepository, a Bucket) is a notice naming it, not an
 * environment; an ExternalArtifact maps the path through its ArtifactGenerator's copies.
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#path
 */
import { discoveryFinding, stringAt, type TargetsResult } from './gitops-target.ts';
import { normalizeRepoPath } from './repo-path.ts';
import { resolveFluxSource, type SourceRef } from './flux-sources.ts';
import type { RepositoryIdentity } from './repository-identity.ts';
import type { GitOpsDocument } from './scan-manifests.ts';
import { isJsonObject } from '../../manifests/json-value.ts';

export interface FluxContext {
  /** The repository's Flux sources and ArtifactGenerators. */
  documents: readonly GitOpsDocument[];
  repository?: RepositoryIdentity;
}

/**
 * The cluster a Flux manifest belongs to, for names that collide across clusters: the folder under
 * `clusters/` it lies in (`clusters/staging/apps.yaml` -> `staging`), else the folder it lies in.
 */
function clusterOf(file: string): string | undefined {
  const segments = file.split('/').slice(0, -1);
  const index = segments.indexOf('clusters');
  return index !== -1 && index + 1 < segments.length ? segments[index + 1] : segments.at(-1);
}

export function fluxKustomizationTargets(doc: GitOpsDocument, context: FluxContext): TargetsResult {
  const result: TargetsResult = { targets: [], findings: [] };
  const metadata = doc.content['metadata'];
  const spec = isJsonObject(doc.content['spec']) ? doc.content['spec'] : {};
  const name = stringAt(metadata, 'name');
  if (name === undefined) return result;
  const namespace = stringAt(metadata, 'namespace');
  const label = `Flux Kustomization ${namespace ? `${namespace}/` : ''}${name}`;
  const written = stringAt(spec, 'path') ?? './';
  const at = doc.locate(spec['path'] === undefined ? '/metadata/name' : '/spec/path');
  if (written.includes('${')) {
    const message = `${label}: path ${JSON.stringify(written)} holds a variable substituted by another Kustomization's postBuild; not an environment`;
    result.findings.push(discoveryFinding('notice', message, doc.file, at));
    return result;
  }
  const artifactPath = normalizeRepoPath(written);
  if (artifactPath === undefined) {
    const message = `${label}: path ${JSON.stringify(written)} leaves the source's root; not an environment`;
    result.findings.push(discoveryFinding('warning', message, doc.file, at));
    return result;
  }
  const ref = spec['sourceRef'];
  const sourceRef: SourceRef = {
    kind: stringAt(ref, 'kind') ?? 'GitRepository',
    name: stringAt(ref, 'name') ?? '',
    from: doc.file,
  };
  const refNamespace = stringAt(ref, 'namespace') ?? namespace;
  if (refNamespace) sourceRef.namespace = refNamespace;
  const source = resolveFluxSource(sourceRef, context.documents, context.repository);
  if (!source.ours) {
    const message = `${label}: ${source.reason}; its path ${JSON.stringify(written)} is not checked here`;
    result.findings.push(discoveryFinding('notice', message, doc.file, at));
    return result;
  }
  const path = source.folderOf(artifactPath);
  if (path === undefined) {
    const message = `${label}: path ${JSON.stringify(written)} is in none of the folders its ${sourceRef.kind} ${sourceRef.name} copies from this repository; not an environment`;
    result.findings.push(discoveryFinding('warning', message, doc.file, at));
    return result;
  }
  const notes: string[] = [...source.notes];
  const applied = [
    'patches',
    'images',
    'postBuild',
    'components',
    'namePrefix',
    'nameSuffix',
    'targetNamespace',
  ];
  const ignored = applied.filter((key) => spec[key] !== undefined);
  if (ignored.length > 0) notes.push(`Flux settings not applied: ${ignored.join(', ')}`);
  const cluster = clusterOf(doc.file);
  result.targets.push({
    source: 'flux',
    name,
    path,
    label,
    notes,
    file: doc.file,
    at,
    ...(cluster ? { otherNames: [`${cluster}/${name}`] } : {}),
    ...(source.declaredIn ? { alsoReads: source.declaredIn.filter((file) => file !== doc.file) } : {}),
  });
  return result;
}
