/**
 * `renderer: none`: the Kubernetes objects of a folder's `.yaml`, `.yml` and `.json` files, as
 * they are, read the way Argo CD's directory source reads them:
 * - only the folder's own files unless `directory.recurse` (Argo CD's default); a config
 *   environment (no `directory`) reads every file below the folder;
 * - `directory.include` / `exclude`: glob patterns over paths relative to the folder, `{a,b}`
 *   alternatives, `*` within one segment (exclude wins);
 * - a file whose documents are not Kubernetes objects (no `apiVersion` and `kind`: Chart.yaml,
 *   values files, JSON configs, kustomize configuration) is not a resource: it is skipped, and one
 *   notice per environment names the files skipped; a YAML file that does not parse is skipped the
 *   same way unless it looks like a manifest (`apiVersion:`, `kind:` and `metadata:`), which Argo
 *   CD reports as an error too.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/directory/
 * https://github.com/argoproj/argo-cd/pull/4729 (unrelated YAML files are ignored)
 */
import type { Finding } from '../findings.ts';
import type { FileSource } from '../files/file-source.ts';
import { isJsonObject } from '../manifests/json-value.ts';
import type { DirectorySettings, Environment } from './environments/types.ts';
import { pathMatch } from './environments/path-match.ts';
import { folderPrefix, showPath } from './environments/repo-path.ts';
import type { RenderedResource } from './kustomize/build-kustomization.ts';
import { BuildStop } from './kustomize/build-types.ts';
import { parseKustomizeYaml } from './kustomize/load-resources.ts';

const MANIFEST = /\.(ya?ml|json)$/;
const LOOKS_LIKE_MANIFEST = (text: string): boolean =>
  text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');

/** `{a,b}/*.yaml` -> `['a/*.yaml', 'b/*.yaml']`. */
function alternatives(pattern: string): string[] {
  const open = pattern.indexOf('{');
  const close = open === -1 ? -1 : pattern.indexOf('}', open);
  if (close === -1) return [pattern];
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return pattern
    .slice(open + 1, close)
    .split(',')
    .flatMap((choice) => alternatives(`${head}${choice}${tail}`));
}

function matches(pattern: string | undefined, relative: string): boolean {
  if (pattern === undefined || pattern === '') return false;
  return alternatives(pattern).some((choice) => pathMatch(choice.replace(/^\.?\//, ''), relative));
}

async function listManifests(
  files: FileSource,
  root: string,
  settings: DirectorySettings | undefined,
  dir = root,
  found: string[] = [],
): Promise<string[]> {
  for (const entry of (await files.listDirectory(dir)) ?? []) {
    const path = `${folderPrefix(dir)}${entry.name}`;
    if (entry.name.startsWith('.')) continue;
    if (entry.type === 'directory' && (settings === undefined || settings.recurse))
      await listManifests(files, root, settings, path, found);
    else if (entry.type === 'file' && MANIFEST.test(entry.name)) {
      const relative = path.slice(folderPrefix(root).length);
      if (settings?.include && !matches(settings.include, relative)) continue;
      if (matches(settings?.exclude, relative)) continue;
      found.push(path);
    }
  }
  return found;
}

export interface PlainManifests {
  resources: RenderedResource[];
  findings: Finding[];
}

/** The resources of an environment rendered as plain manifests, and why some files were not. */
export async function plainManifests(files: FileSource, environment: Environment): Promise<PlainManifests> {
  const resources: RenderedResource[] = [];
  const findings: Finding[] = [];
  const skipped: string[] = [];
  for (const path of await listManifests(files, environment.path, environment.directory)) {
    const bytes = await files.readFile(path);
    if (bytes === undefined) continue;
    const text = new TextDecoder().decode(bytes);
    let documents: { value: unknown; line: number }[];
    try {
      documents = parseKustomizeYaml(text, path);
    } catch (error) {
      if (!(error instanceof BuildStop)) throw error;
      if (LOOKS_LIKE_MANIFEST(text)) findings.push(error.finding);
      else skipped.push(path);
      continue;
    }
    const objects = documents.filter(
      ({ value }) =>
        isJsonObject(value) && typeof value['apiVersion'] === 'string' && typeof value['kind'] === 'string',
    );
    if (objects.length === 0) {
      if (documents.some(({ value }) => value !== null)) skipped.push(path);
      continue;
    }
    for (const document of documents) {
      const value = document.value;
      if (objects.includes(document) && isJsonObject(value))
        resources.push({ object: value, origin: { path, line: document.line } });
      else if (value !== null)
        findings.push({
          ruleId: 'plain-manifests',
          severity: 'error',
          message: `${path}: this document is not a Kubernetes object (it needs apiVersion and kind) while others in the file are; Argo CD fails on such a file`,
          path,
          line: document.line,
        });
    }
  }
  if (skipped.length > 0)
    findings.push({
      ruleId: 'plain-manifests',
      severity: 'notice',
      message: `environment ${environment.name}: ${skipped.length === 1 ? '1 file is' : `${skipped.length} files are`} not Kubernetes manifests (no apiVersion and kind) and not rendered, as Argo CD's directory source skips them: ${skipped.join(', ')}`,
      path: showPath(environment.path),
    });
  return { resources, findings };
}
