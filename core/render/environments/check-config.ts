import type { Finding } from '../../findings.ts';
import type { FileSource } from '../../files/file-source.ts';
import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import { displayPointer, type Position } from './locate.ts';
import { folderPrefix, normalizeRepoPath, showPath } from './repo-path.ts';
import type { WrittenKubeproofConfig } from './types.ts';

type Locate = (pointer: string) => Position;

async function folderExists(files: FileSource, path: string): Promise<boolean> {
  return path === '' || (await files.listDirectory(path)) !== undefined;
}

async function hasAnyFile(files: FileSource, folder: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) if (await files.readFile(`${folderPrefix(folder)}${name}`)) return true;
  return false;
}

/**
 * The checks a schema cannot express: unique environment names, a promotion order naming declared
 * environments, paths inside the repository that exist, a renderer that fits the folder.
 * `config` is schema-valid but not normalised, so findings can quote what the user wrote.
 */
export async function checkConfig(
  files: FileSource,
  config: WrittenKubeproofConfig,
  configPath: string,
  locate: Locate,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const report = (message: string, pointer: string, severity: Finding['severity'] = 'error'): void => {
    const { line, column } = locate(pointer);
    findings.push({ ruleId: 'config', severity, message, path: configPath, line, column });
  };
  const environments = config.environments ?? [];

  const firstByName = new Map<string, number>();
  for (const [index, environment] of environments.entries()) {
    const first = firstByName.get(environment.name);
    if (first === undefined) {
      firstByName.set(environment.name, index);
      continue;
    }
    const { line } = locate(`/environments/${first}/name`);
    report(
      `environments[${index}].name: ${JSON.stringify(environment.name)} is already the name of environments[${first}] (line ${line}); names must be unique`,
      `/environments/${index}/name`,
    );
  }

  // Without declared environments, names are the discovered ones: promote checks them when it runs.
  const auto = config.promotion?.auto;
  const promotionLists = config.environments
    ? [
        ...(['order', 'protected', 'requireDigest'] as const).flatMap((list) =>
          (config.promotion?.[list] ?? []).map((name, index) => ({ field: `${list}[${index}]`, name })),
        ),
        ...(Array.isArray(auto) ? auto : []).flatMap((pair, index) =>
          (['from', 'to'] as const).map((end) => ({ field: `auto[${index}].${end}`, name: pair[end] })),
        ),
      ]
    : [];
  for (const { field, name } of promotionLists) {
    if (firstByName.has(name)) continue;
    const known = [...firstByName.keys()].map((n) => JSON.stringify(n)).join(', ');
    report(
      `promotion.${field}: ${JSON.stringify(name)} is not a declared environment (declared: ${known})`,
      `/promotion/${field.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`,
    );
  }

  // A path must stay inside the repository and exist; returns the normalised path when it does.
  const checkPath = async (
    written: string,
    pointer: string,
    kind: 'folder' | 'file',
  ): Promise<string | undefined> => {
    const field = displayPointer(pointer);
    const path = normalizeRepoPath(written);
    if (path === undefined) {
      report(
        `${field}: ${JSON.stringify(written)} is ${written.startsWith('/') || /^[A-Za-z]:/.test(written) ? 'absolute' : 'outside the repository'}; write a path relative to the repository root`,
        pointer,
      );
      return undefined;
    }
    const exists =
      kind === 'folder' ? await folderExists(files, path) : (await files.readFile(path)) !== undefined;
    if (!exists) {
      report(`${field}: there is no ${kind} ${showPath(path)} in the repository`, pointer);
      return undefined;
    }
    return path;
  };

  for (const [index, environment] of environments.entries()) {
    const at = `/environments/${index}`;
    const folder = await checkPath(environment.path, `${at}/path`, 'folder');
    const { renderer, helm } = environment;
    if (helm && renderer !== undefined && renderer !== 'helm') {
      report(
        `environments[${index}]: helm settings are given but renderer is ${JSON.stringify(renderer)}; remove one of them`,
        `${at}/helm`,
      );
    }
    if (helm) {
      const chart = await checkPath(helm.chart, `${at}/helm/chart`, 'folder');
      if (chart !== undefined && !(await hasAnyFile(files, chart, ['Chart.yaml']))) {
        report(
          `environments[${index}].helm.chart: ${showPath(chart)} holds no Chart.yaml`,
          `${at}/helm/chart`,
        );
      }
      for (const [i, valuesFile] of (helm.valuesFiles ?? []).entries()) {
        const pointer = `${at}/helm/valuesFiles/${i}`;
        // With ignoreMissingValueFiles a missing file is fine, one outside the repository is not.
        if (helm.ignoreMissingValueFiles && normalizeRepoPath(valuesFile) !== undefined) continue;
        await checkPath(valuesFile, pointer, 'file');
      }
      for (const [i, parameter] of (helm.parameters ?? []).entries()) {
        if (parameter.flag === 'set-file')
          await checkPath(parameter.value, `${at}/helm/parameters/${i}/value`, 'file');
      }
    }
    if (folder === undefined) continue;
    if (renderer === 'helm' && !helm && !(await hasAnyFile(files, folder, ['Chart.yaml']))) {
      report(
        `environments[${index}]: renderer helm needs a chart: ${showPath(folder)} holds no Chart.yaml and no helm.chart is given`,
        `${at}/renderer`,
      );
    }
    if (
      (renderer === 'builtin' || renderer === 'kustomize' || renderer === 'kubectl') &&
      !(await hasAnyFile(files, folder, KUSTOMIZATION_FILE_NAMES))
    ) {
      report(
        `environments[${index}]: renderer ${renderer} needs a kustomization, and ${showPath(folder)} holds none (kustomization.yaml, kustomization.yml or Kustomization)`,
        `${at}/renderer`,
        'warning',
      );
    }
  }
  return findings;
}
