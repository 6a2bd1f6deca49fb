/**
 * The folder a Flux Kustomization (kustomize.toolkit.fluxcd.io) deploys: `spec.path`, relative to
 * the root of its source (`./clusters/prod`; the root when absent). kustomize-controller builds it
 * with kustomize, generating a kustomization.yaml over every manifest below the folder when it has
 * none. kubeproof cannot tell which repository `spec.sourceRef` names, so it takes it to be this one.
 * https://fluxcd.io/flux/components/kustomize/kustomizations/#path
 */
import { discoveryFinding, stringAt, type TargetsResult } from './gitops-target.ts';
import { normalizeRepoPath } from './repo-path.ts';
import type { GitOpsDocument } from './scan-manifests.ts';
import { isJsonObject } from '../../manifests/json-value.ts';

export function fluxKustomizationTargets(doc: GitOpsDocument): TargetsResult {
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
  const path = normalizeRepoPath(written);
  if (path === undefined) {
    const message = `${label}: path ${JSON.stringify(written)} leaves the source's root; not an environment`;
    result.findings.push(discoveryFinding('warning', message, doc.file, at));
    return result;
  }
  const notes: string[] = [];
  const ref = spec['sourceRef'];
  const refName = stringAt(ref, 'name');
  if (refName)
    notes.push(`source ${stringAt(ref, 'kind') ?? 'GitRepository'}/${refName} taken to be this repository`);
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
  result.targets.push({ source: 'flux', name, path, label, notes, file: doc.file, at });
  return result;
}
