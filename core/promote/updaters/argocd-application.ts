/**
 * Argo CD Applications (argoproj.io) an environment owns: one in its folder (app of apps), or
 * the Application that declares a Helm environment. The Helm settings of each source
 * (`spec.source`, `spec.sources[]`) are Helm values: `helm.valuesObject` (a mapping),
 * `helm.values` (YAML in a literal block, `values: |`, edited inside the block), and
 * `helm.parameters` (helm-parameters.ts). `helm.valueFiles` are values files of their own
 * (environment-files.ts). https://argo-cd.readthedocs.io/en/stable/user-guide/helm/
 */
import { isScalar, type Node } from 'yaml';
import { mapValue, scalarSpot, scalarText, seqItems } from '../../manifests/yaml-source.ts';
import { normalizeRepoPath } from '../../render/environments/repo-path.ts';
import { blockSites } from '../block-sites.ts';
import { helmParameterSites } from '../helm-parameters.ts';
import type { SitesResult } from '../image-site.ts';
import { valuesSites } from '../values-sites.ts';
import { inputDocuments, type Updater, type UpdaterInput } from './updater.ts';

const UPDATER = 'argocd-application';

function isApplication(root: unknown): boolean {
  const apiVersion = scalarText(mapValue(root, 'apiVersion')) ?? '';
  return scalarText(mapValue(root, 'kind')) === 'Application' && apiVersion.startsWith('argoproj.io/');
}

/** The sources of an Application spec with their paths in the document. */
function sourcesOf(root: unknown): { node: unknown; path: (string | number)[] }[] {
  const spec = mapValue(root, 'spec');
  const single = mapValue(spec, 'source');
  if (single) return [{ node: single, path: ['spec', 'source'] }];
  return seqItems(mapValue(spec, 'sources')).map((node, i) => ({ node, path: ['spec', 'sources', i] }));
}

function helmSites(
  input: UpdaterInput,
  document: number,
  helm: unknown,
  path: (string | number)[],
): SitesResult {
  const out: SitesResult = { sites: [], problems: [] };
  const place = (suffix: (string | number)[]) => ({
    updater: UPDATER,
    file: input.path,
    source: input.source,
    document,
    path: [...path, ...suffix],
    tagFields: input.tagFields,
  });
  const valuesObject = mapValue(helm, 'valuesObject');
  out.sites.push(...valuesSites(place(['valuesObject']), valuesObject));
  const values = mapValue(helm, 'values');
  if (isScalar(values) && typeof values.value === 'string' && values.value.trim() !== '') {
    const found = blockSites(
      { source: input.source, node: values, document, path: [...path, 'values'] },
      (inner) => ({
        sites: inner.documents.flatMap((innerDocument, index) =>
          valuesSites(
            {
              updater: UPDATER,
              file: input.path,
              source: inner,
              document: index,
              path: [],
              tagFields: input.tagFields,
            },
            innerDocument.contents as Node | null,
          ),
        ),
        problems: [],
      }),
    );
    if (found) {
      out.sites.push(...found.sites);
      out.problems.push(...found.problems);
    } else if (/(^|\s)(tag|\w*image)\s*:/im.test(values.value)) {
      const line = scalarSpot(input.source, values)?.line ?? 1;
      out.problems.push({
        file: input.path,
        line,
        message: `${[...path, 'values'].join('.')} at line ${line} is not a literal block (values: |) kubeproof can edit; its images are left alone (or write them in helm.valuesObject)`,
      });
    }
  }
  out.sites.push(
    ...helmParameterSites(place(['parameters']), mapValue(helm, 'parameters'), valuesObject).filter(
      (site) => !out.sites.some((other) => other.offset === site.offset),
    ),
  );
  return out;
}

export const argocdApplication: Updater = {
  appliesTo: (input) =>
    (input.role === 'manifest' || input.role === 'patch' || input.role === 'declaration') &&
    input.source.text.includes('argoproj.io/'),
  sites(input) {
    const out: SitesResult = { sites: [], problems: [] };
    for (const { index, root } of inputDocuments(input)) {
      if (!isApplication(root)) continue;
      for (const source of sourcesOf(root)) {
        const path = scalarText(mapValue(source.node, 'path'));
        // A declaration's Application: only the sources that render this environment's folder.
        if (
          input.sourcePath !== undefined &&
          (path === undefined || normalizeRepoPath(path) !== input.sourcePath)
        )
          continue;
        const helm = mapValue(source.node, 'helm');
        if (!helm) continue;
        const found = helmSites(input, index, helm, [...source.path, 'helm']);
        out.sites.push(...found.sites);
        out.problems.push(...found.problems);
      }
    }
    return out;
  },
};
