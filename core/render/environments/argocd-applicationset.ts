/**
 * The Applications an ApplicationSet generates from this repository, for the generators whose
 * parameters can be known from the repository alone:
 * - `list`: one parameter set per element;
 * - `git` with `directories`: one per folder matching an include pattern and no exclude pattern
 *   (Go `path.Match`; exclusions win), as `path`, `path.basename`, `path[n]`... or, with
 *   `goTemplate`, `.path.path`, `.path.basename`, `.path.segments`.
 * Other generators (clusters, matrix, git files...) yield an Application only when the template's
 * paths do not depend on their parameters.
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-List/
 * https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Git/
 */
import { type JsonValue, type JsonObject, isJsonObject } from '../../manifests/json-value.ts';
import { applicationTargets } from './argocd-application.ts';
import { discoveryFinding, stringAt, type TargetsResult } from './gitops-target.ts';
import type { Position } from './locate.ts';
import { pathMatch, pathPatternToRegExp } from './path-match.ts';
import { basename } from './repo-path.ts';
import { normalizeName, renderTemplate } from './render-template.ts';
import { describeRepository, isThisRepository, type RepositoryIdentity } from './repository-identity.ts';
import type { GitOpsDocument } from './scan-manifests.ts';

interface ParameterSet {
  params: JsonValue;
  /** Where this parameter set comes from, for findings. */
  at: Position;
  /** For messages: `list element 2`. */
  origin: string;
}

/** A generator's own `template` overrides the ApplicationSet's, field by field. */
function mergeTemplates(base: JsonValue | undefined, override: JsonValue | undefined): JsonValue {
  if (!isJsonObject(base)) return override ?? null;
  if (!isJsonObject(override)) return base;
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeTemplates(base[key], value);
  return out;
}

/** fasttemplate parameters are flat strings: nested maps become `a.b` keys. */
function flatten(
  value: JsonValue,
  prefix: string,
  out: Record<string, JsonValue>,
): Record<string, JsonValue> {
  if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value))
      flatten(item, prefix === '' ? key : `${prefix}.${key}`, out);
  } else if (prefix !== '')
    out[prefix] = value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : value;
  return out;
}

/** The generator's `values`, themselves templated with the other parameters. */
function withValues(params: JsonObject, values: JsonValue | undefined, goTemplate: boolean): JsonObject {
  if (!isJsonObject(values)) return params;
  const rendered = renderTemplate(values, params, goTemplate).value;
  if (goTemplate) return { ...params, values: rendered };
  return { ...params, ...flatten(rendered, 'values', {}) };
}

function directoryParams(path: string, goTemplate: boolean): JsonObject {
  const segments = path.split('/');
  const name = basename(path);
  if (goTemplate)
    return { path: { path, basename: name, basenameNormalized: normalizeName(name), segments } };
  const params: JsonObject = { path, 'path.basename': name, 'path.basenameNormalized': normalizeName(name) };
  for (const [i, segment] of segments.entries()) params[`path[${i}]`] = segment;
  return params;
}

function listParameters(
  list: JsonObject,
  pointer: string,
  doc: GitOpsDocument,
  goTemplate: boolean,
): ParameterSet[] {
  const elements = Array.isArray(list['elements']) ? list['elements'] : [];
  const sets: ParameterSet[] = [];
  for (const [i, element] of elements.entries()) {
    if (!isJsonObject(element)) continue;
    const params = goTemplate ? element : flatten(element, '', {});
    sets.push({ params, at: doc.locate(`${pointer}/elements/${i}`), origin: `list element ${i}` });
  }
  return sets;
}

interface GeneratorContext {
  doc: GitOpsDocument;
  goTemplate: boolean;
  label: string;
  result: TargetsResult;
}

function directoryParameters(
  git: JsonObject,
  pointer: string,
  directories: string[],
  { doc, goTemplate, label, result }: GeneratorContext,
): ParameterSet[] {
  const items = Array.isArray(git['directories']) ? git['directories'] : [];
  const include: { pattern: string; index: number }[] = [];
  const exclude: string[] = [];
  for (const [index, item] of items.entries()) {
    const written = stringAt(item, 'path');
    if (written === undefined) continue;
    const pattern = written.replace(/^\/+/, '');
    if (!pathPatternToRegExp(pattern)) {
      const message = `${label}: ${JSON.stringify(written)} is not a valid path pattern (Go path.Match)`;
      result.findings.push(
        discoveryFinding('warning', message, doc.file, doc.locate(`${pointer}/directories/${index}`)),
      );
      continue;
    }
    if (isJsonObject(item) && item['exclude'] === true) exclude.push(pattern);
    else include.push({ pattern, index });
  }
  const sets: ParameterSet[] = [];
  const seen = new Set<string>();
  for (const { pattern, index } of include) {
    const at = doc.locate(`${pointer}/directories/${index}`);
    const matched = directories.filter((dir) => dir !== '' && pathMatch(pattern, dir));
    if (matched.length === 0) {
      const message = `${label}: the git directory pattern ${JSON.stringify(pattern)} matches no folder of this repository`;
      result.findings.push(discoveryFinding('warning', message, doc.file, at));
    }
    for (const dir of matched) {
      if (seen.has(dir) || exclude.some((ex) => pathMatch(ex, dir))) continue;
      seen.add(dir);
      const params = withValues(directoryParams(dir, goTemplate), git['values'], goTemplate);
      sets.push({ params, at, origin: `git directory ${dir}` });
    }
  }
  return sets;
}

/** The `path` of every source of an Application spec. */
function sourcePaths(spec: JsonValue | undefined): string[] {
  if (!isJsonObject(spec)) return [];
  const sources = Array.isArray(spec['sources']) ? spec['sources'] : [spec['source']];
  return sources.map((source) => stringAt(source, 'path')).filter((path) => path !== undefined);
}

/** The folders an ApplicationSet deploys, with a finding for each generator kubeproof cannot expand. */
export function applicationSetTargets(
  doc: GitOpsDocument,
  directories: string[],
  repository?: RepositoryIdentity,
): TargetsResult {
  const result: TargetsResult = { targets: [], findings: [] };
  const spec = doc.content['spec'];
  if (!isJsonObject(spec)) return result;
  const setName = stringAt(doc.content['metadata'], 'name') ?? basename(doc.file);
  const label = `Argo CD ApplicationSet ${setName}`;
  const goTemplate = spec['goTemplate'] === true;
  const generators = Array.isArray(spec['generators']) ? spec['generators'] : [];
  for (const [g, generator] of generators.entries()) {
    if (!isJsonObject(generator)) continue;
    const pointer = `/spec/generators/${g}`;
    const [kind] = Object.keys(generator).filter((key) => key !== 'selector');
    const body = kind === undefined ? undefined : generator[kind];
    let sets: ParameterSet[] | undefined;
    if (kind === 'list' && isJsonObject(body))
      sets = listParameters(body, `${pointer}/list`, doc, goTemplate);
    else if (kind === 'git' && isJsonObject(body) && Array.isArray(body['directories'])) {
      // The folders of another repository are not this one's: its Applications are not checked here.
      const repoURL = stringAt(body, 'repoURL');
      if (repository && repoURL && isThisRepository(repository, repoURL) === false) {
        const message = `${label}: its git generator lists the folders of ${repoURL}, another repository than ${describeRepository(repository)}; its Applications are not checked here`;
        result.findings.push(
          discoveryFinding('notice', message, doc.file, doc.locate(`${pointer}/git/repoURL`)),
        );
        continue;
      }
      sets = directoryParameters(body, `${pointer}/git`, directories, { doc, goTemplate, label, result });
    }
    const template = mergeTemplates(spec['template'], isJsonObject(body) ? body['template'] : undefined);
    const expanded = sets !== undefined;
    // A generator kubeproof cannot expand still yields the template's folder when it is fixed.
    sets ??= [{ params: {}, at: doc.locate(pointer), origin: `${kind ?? 'empty'} generator` }];
    for (const set of sets) {
      const rendered = renderTemplate(template, set.params, goTemplate);
      const app = isJsonObject(rendered.value) ? rendered.value : {};
      if (sourcePaths(app['spec']).some((path) => path.includes('{{'))) {
        result.findings.push(
          expanded
            ? discoveryFinding(
                'warning',
                `${label}, ${set.origin}: the source path keeps template expressions kubeproof cannot resolve (${[...new Set(rendered.unresolved)].join('; ')}); not an environment`,
                doc.file,
                set.at,
              )
            : discoveryFinding(
                'notice',
                `${label}: the source path depends on the parameters of its ${kind ?? 'empty'} generator, which the repository alone does not give; its Applications are not environments`,
                doc.file,
                set.at,
              ),
        );
        continue;
      }
      const written = stringAt(app['metadata'], 'name');
      const name = written && !written.includes('{{') ? written : setName;
      const found = applicationTargets(name, app['spec'], {
        file: doc.file,
        at: () => set.at,
        label: `${label}, ${set.origin}`,
        ...(repository ? { repository } : {}),
      });
      result.targets.push(...found.targets.map((target) => ({ ...target, generated: true })));
      result.findings.push(...found.findings);
    }
  }
  return result;
}
