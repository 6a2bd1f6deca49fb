import { UsageError } from '../core/errors.ts';
import { affectedEnvironments } from '../core/render/environments/affected-environments.ts';
import { discoverEnvironments } from '../core/render/environments/discover-environments.ts';
import { loadConfig } from '../core/render/environments/load-config.ts';
import { noEnvironmentMessage } from '../core/render/environments/no-environment.ts';
import type { Environment } from '../core/render/environments/types.ts';
import { renderEnvironments, renderedYaml } from '../core/render/render-environments.ts';
import { diskFileSource } from '../platform/disk-file-source.ts';
import { gitRepositoryIdentity } from '../platform/git-repository-identity.ts';
import { createNodeProcessRunner } from '../platform/node-process-runner.ts';
import { flagReader, formatFlagHelp, parseFlags, type FlagSpec } from './flags.ts';
import { formatFinding } from './format-finding.ts';
import type { CliIo } from './io.ts';
import { existingPath, repositoryRoot, showFolder } from './repository-root.ts';

export const ENVIRONMENTS_FLAGS: readonly FlagSpec[] = [
  { name: 'h', kind: 'bool', usage: 'show help information' },
  {
    name: 'changed',
    kind: 'list',
    usage:
      'a changed file, relative to the repository root (can be given several times): list only the environments it affects',
  },
  { name: 'output', kind: 'string', typeName: 'string', usage: 'text or json', defaultText: '"text"' },
  {
    name: 'render',
    kind: 'bool',
    usage:
      'render each listed environment too (built-in engine, or the kustomize/kubectl/helm binaries it names) and print the YAML (json: with the output)',
  },
];

const USAGE = `Usage: kubeproof environments [OPTION]... [REPO]

Lists the environments of a GitOps repository (default: the current one): the ones .kubeproof.yaml
declares or, without it, the kustomize overlays under envs/, environments/, overlays/ and clusters/
and sibling overlays over a shared base, and the folders Argo CD Applications, ApplicationSets and
Flux Kustomizations deploy from this repository (the one its git remotes name).

`;

function line(environment: Environment): string {
  return `${environment.name}\t${environment.path || '.'}\t${environment.renderer}\t${environment.source}${environment.detail ? `\t${environment.detail}` : ''}\n`;
}

/** `kubeproof environments`' flags and argument, parsed (the output is checked by the command). */
export interface EnvironmentsOptions {
  help: boolean;
  output: string;
  changed: string[] | undefined;
  render: boolean;
  repo: string | undefined;
}

/** Parses `kubeproof environments` arguments; a UsageError for an unknown or incomplete flag. */
export function parseEnvironmentsOptions(argv: readonly string[]): EnvironmentsOptions {
  const { values, args } = parseFlags(ENVIRONMENTS_FLAGS, argv, { interspersed: true });
  const flags = flagReader(values);
  return {
    help: flags.bool('h') === true,
    output: flags.string('output') ?? 'text',
    changed: flags.list('changed'),
    render: flags.bool('render') === true,
    repo: args[0],
  };
}

/** `kubeproof environments [REPO] [-changed FILE]... [-output text|json] [-render]`. */
export async function runEnvironments(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseEnvironmentsOptions(argv);
  if (options.help) {
    io.stdout(`${USAGE}${formatFlagHelp(ENVIRONMENTS_FLAGS)}`);
    return 0;
  }
  const { output, changed } = options;
  if (output !== 'text' && output !== 'json') {
    io.stderr(`kubeproof environments: -output must be text or json, not ${JSON.stringify(output)}\n`);
    return 1;
  }
  // REPO is the repository root; without it, the repository the current directory is in.
  let repo: { path: string; folder: boolean };
  try {
    repo =
      options.repo === undefined
        ? { path: repositoryRoot(io.cwd, io.cwd), folder: true }
        : existingPath(io.cwd, options.repo);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`kubeproof environments: ${error.message}\n`);
    return 1;
  }
  const root = repo.path;
  const files = await diskFileSource(root);
  const loaded = await loadConfig(files);
  const repository = await gitRepositoryIdentity(root);
  const discovered = await discoverEnvironments(files, loaded, repository ? { repository } : {});
  const configFailed = !loaded.config && loaded.findings.some((finding) => finding.severity === 'error');
  // Listing nothing is an answer, but a silent one reads like success: say where kubeproof looked.
  const nothing =
    discovered.environments.length === 0
      ? noEnvironmentMessage(showFolder(root, io.cwd, repo.folder), configFailed)
      : undefined;
  let environments = discovered.environments;
  let unknown: string[] = [];
  if (changed !== undefined) {
    const affected = await affectedEnvironments(environments, changed, files);
    environments = environments.filter((environment) => affected.affected.includes(environment.name));
    unknown = affected.unknown;
  }
  const rendered = options.render
    ? await renderEnvironments(environments, {
        files,
        external: { runner: createNodeProcessRunner(), repoRoot: root, files },
      })
    : undefined;
  const findings = [...discovered.findings, ...(rendered ?? []).flatMap((r) => r.findings)];
  for (const finding of findings) io.stderr(formatFinding(finding, root, io.cwd));
  if (nothing !== undefined) io.stderr(`kubeproof environments: ${nothing}\n`);
  if (output === 'json') {
    const list = environments.map((environment, index) => ({
      ...environment,
      ...(rendered
        ? {
            rendered: rendered[index]?.ok ?? false,
            yaml: rendered[index] ? renderedYaml(rendered[index]) : '',
          }
        : {}),
    }));
    io.stdout(`${JSON.stringify({ environments: list, unknownChangedFiles: unknown, findings }, null, 2)}\n`);
  } else if (rendered) {
    for (const result of rendered)
      io.stdout(
        `# environment ${result.environment.name} (${result.environment.path || '.'})\n${renderedYaml(result)}`,
      );
  } else {
    for (const environment of environments) io.stdout(line(environment));
    for (const file of unknown) io.stderr(`notice: ${file} affects no environment\n`);
  }
  const failed =
    findings.some((finding) => finding.severity === 'error') || (rendered ?? []).some((r) => !r.ok);
  return failed ? 1 : 0;
}
