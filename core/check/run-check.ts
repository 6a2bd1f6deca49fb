import { diffEnvironment } from '../diff/diff-environments.ts';
import { type DiffOptions, resolveDiffOptions } from '../diff/diff-options.ts';
import type { EnvironmentDiff } from '../diff/types.ts';
import type { Finding } from '../findings.ts';
import { affectedEnvironments } from '../render/environments/affected-environments.ts';
import { discoverEnvironments } from '../render/environments/discover-environments.ts';
import type { RepositoryIdentity } from '../render/environments/repository-identity.ts';
import type { Environment } from '../render/environments/types.ts';
import { walkRepository } from '../render/environments/walk-repository.ts';
import { needsExternalTool } from '../render/external/render-external.ts';
import type { ExternalRenderDeps } from '../render/external/types.ts';
import { createBuildCache } from '../render/kustomize/build-context.ts';
import { renderEnvironments, type RenderedEnvironment } from '../render/render-environments.ts';
import type { FileSource } from '../files/file-source.ts';
import type { CheckReport, EnvironmentCheck } from '../report/check-report.ts';
import type { ValidateDeps } from '../validate/validate-manifests.ts';
import { mapLimited } from '../concurrency.ts';
import { changedFiles } from './changed-files.ts';
import { configDiffOptions } from './config-diff-options.ts';
import { loadConfig } from '../render/environments/load-config.ts';
import { schemaKey, validateRendered } from './validate-rendered.ts';
import type { SchemaUse } from '../validate/result.ts';
import { createScrubber } from '../diff/scrub-findings.ts';
import { checkPolicy } from './check-policy.ts';
import { DISCOVERY_RULE } from '../render/environments/gitops-target.ts';
import { noEnvironmentFinding } from '../render/environments/no-environment.ts';
import {
  isRefused,
  refusedEnvironment,
  trustedRendererSet,
  type TrustedRenderers,
} from './trusted-renderers.ts';

export interface CheckSide {
  files: FileSource;
  /** For environments rendered by binaries: where this side's files are on disk. */
  external?: ExternalRenderDeps;
  /**
   * For a side that is not on disk (a git ref, a tarball): writes its files to a folder and returns
   * the dependencies to run binaries there. Called only when an environment of the side needs one.
   */
  materialize?: () => Promise<ExternalRenderDeps>;
}

export interface CheckOptions {
  kubernetesVersion: string;
  strict: boolean;
  diff?: DiffOptions;
  /** The files the change touches; computed from base and head when absent. */
  changedFiles?: string[];
  /** Validate the head's rendered output (default true; `kubeproof diff` turns it off). */
  validate?: boolean;
  /**
   * Run the policy checks (built-in rules, admission policies) on the rendered head (default true;
   * `kubeproof diff` and `-policy=false` turn them off). Off: the report has no policy results and
   * says nothing about policy.
   */
  policy?: boolean;
  /** How messages name the folder checked (default `the repository root`). */
  where?: string;
  /**
   * Set when the head is not trusted (a pull request, in the Actions): environments of the head's
   * config that need a binary neither these nor the base's config allow are not rendered
   * (`renderer-refused`). Undefined: every renderer runs (the CLI, on the user's own files).
   */
  trustedRenderers?: TrustedRenderers;
  /**
   * This repository's URLs and the branch checked (the front door's git remote or
   * GITHUB_REPOSITORY): Argo CD and Flux sources of other repositories are not its environments.
   */
  repository?: RepositoryIdentity;
}

export interface CheckDeps {
  /** The schemas; without them (or with `options.validate: false`) the head is not validated. */
  validate?: ValidateDeps;
  now(): number;
}

/** Everything `kubeproof check` found: the report renderers' input, plus discovery findings. */
export interface CheckResult {
  report: CheckReport;
  /** Problems of the repository itself (config, discovery). */
  findings: Finding[];
  /** Environments that could not be rendered on the head side. */
  renderFailures: number;
}

const CRD = /^kind:\s*CustomResourceDefinition\s*$/m;

/** The repository's CustomResourceDefinition files (they validate custom resources in every environment). */
async function repositoryCrds(files: FileSource): Promise<{ path: string; content: Uint8Array }[]> {
  const paths = (await walkRepository(files)).files.filter((path) => /\.(ya?ml|json)$/.test(path));
  const contents = await mapLimited(paths, 32, (path) => files.readFile(path));
  return paths.flatMap((path, index) => {
    const content = contents[index];
    return content !== undefined && content.length < 8 << 20 && CRD.test(new TextDecoder().decode(content))
      ? [{ path, content }]
      : [];
  });
}

function rendererLabel(environments: readonly Environment[]): string {
  const renderers = new Set(environments.map((environment) => environment.renderer));
  const names = [...renderers].map((renderer) =>
    renderer === 'builtin'
      ? 'the built-in Kustomize engine'
      : renderer === 'none'
        ? 'plain manifests'
        : renderer,
  );
  return names.length === 0 ? 'no renderer' : names.join(', ');
}

/**
 * The whole pull-request check on two trees: discover the environments, keep the ones the change
 * affects (all of them without a base), render base and head, validate the head (strict, CRDs
 * from the repository, deprecations), and diff. Pure over its file sources and dependencies: the
 * CLI, the Action and the App all call this.
 */
export async function runCheck(
  head: CheckSide,
  base: CheckSide | undefined,
  options: CheckOptions,
  deps: CheckDeps,
): Promise<CheckResult> {
  const started = deps.now();
  const loaded = await loadConfig(head.files);
  const fromConfig = configDiffOptions(loaded.config?.diff, loaded.path ?? '.kubeproof.yaml');
  const diffOptions = { ...fromConfig.options, ...options.diff };
  const discover = options.repository ? { repository: options.repository } : {};
  const headDiscovery = await discoverEnvironments(head.files, loaded, discover);
  const baseDiscovery = base
    ? await discoverEnvironments(base.files, undefined, discover)
    : { environments: [], findings: [] };
  let environments = headDiscovery.environments;
  const removed = baseDiscovery.environments.filter(
    (environment) => !environments.some((other) => other.name === environment.name),
  );
  // The changed files each environment reads: the report names them as where its change comes from.
  const sources = new Map<string, string[]>();
  if (base !== undefined) {
    const changed = options.changedFiles ?? (await changedFiles(base.files, head.files));
    const [headSources, baseSources] = [new Map<string, string[]>(), new Map<string, string[]>()];
    const onHead = await affectedEnvironments(environments, changed, head.files, {
      counterpart: baseDiscovery.environments,
      sources: headSources,
    });
    const onBase = await affectedEnvironments(baseDiscovery.environments, changed, base.files, {
      counterpart: environments,
      sources: baseSources,
    });
    const affected = new Set([...onHead.affected, ...onBase.affected]);
    environments = environments.filter((environment) => affected.has(environment.name));
    for (const [name, files] of [...headSources, ...baseSources])
      sources.set(name, [...new Set([...(sources.get(name) ?? []), ...files])].sort());
  }
  const goneEnvironments = base === undefined ? [] : removed;
  // Nothing declared or discovered on either side: nothing is checked, and the report says so.
  const nothingFound = headDiscovery.environments.length === 0 && baseDiscovery.environments.length === 0;
  const configFailed = !loaded.config && loaded.findings.some((finding) => finding.severity === 'error');
  // What discovery met and could not turn into environments: a verdict about "no environment" holds
  // only for the rest, and the report says so.
  const notUnderstood = [...headDiscovery.findings, ...baseDiscovery.findings]
    .filter((finding) => finding.ruleId === DISCOVERY_RULE)
    .map(
      (finding) =>
        `${finding.path}${finding.line === undefined ? '' : `:${finding.line}`}: ${finding.message}`,
    );
  const uniqueNotUnderstood = [...new Set(notUnderstood)];
  const noEnvironment = nothingFound
    ? noEnvironmentFinding(options.where ?? 'the repository root', configFailed, uniqueNotUnderstood.length)
    : undefined;
  const allowed =
    options.trustedRenderers && trustedRendererSet(options.trustedRenderers, baseDiscovery.environments);
  const refused = allowed ? environments.filter((environment) => isRefused(environment, allowed)) : [];
  const headRendered = await renderEnvironments(
    environments.filter((environment) => !refused.includes(environment)),
    { files: head.files, cache: createBuildCache(), ...(head.external ? { external: head.external } : {}) },
  );
  for (const environment of refused)
    headRendered.push(
      refusedEnvironment(environment, loaded.path ?? '.kubeproof.yaml', options.trustedRenderers?.help ?? ''),
    );
  const baseByName = new Map<string, RenderedEnvironment>();
  if (base !== undefined) {
    const baseEnvironments = baseDiscovery.environments.filter(
      (environment) =>
        environments.some((other) => other.name === environment.name) ||
        goneEnvironments.some((other) => other.name === environment.name),
    );
    const external =
      base.external ??
      (baseEnvironments.some(needsExternalTool) && base.materialize ? await base.materialize() : undefined);
    for (const rendered of await renderEnvironments(baseEnvironments, {
      files: base.files,
      cache: createBuildCache(),
      ...(external ? { external } : {}),
    }))
      baseByName.set(rendered.environment.name, rendered);
  }
  const schemas = options.validate === false ? undefined : deps.validate;
  const crds = schemas === undefined ? [] : await repositoryCrds(head.files);
  const validation: EnvironmentCheck[] =
    schemas === undefined
      ? []
      : await validateRendered(
          headRendered.filter((rendered) => rendered.ok),
          crds,
          options,
          schemas,
          head.files,
        );
  const policy =
    options.policy === false
      ? undefined
      : await checkPolicy(
          headRendered.filter((rendered) => rendered.ok),
          baseByName,
          loaded.config,
          head.files,
        );
  const used = new Map<string, SchemaUse>();
  for (const check of validation) for (const use of check.schemas ?? []) used.set(schemaKey(use), use);
  const renderedCrds = headRendered.some((rendered) =>
    rendered.resources.some((resource) => resource.object['kind'] === 'CustomResourceDefinition'),
  );
  // An environment that did not render is reported once, by its diff (status `error`, with why).
  const diffs: EnvironmentDiff[] = headRendered.map((rendered) =>
    diffEnvironment(
      base === undefined ? undefined : baseByName.get(rendered.environment.name),
      rendered,
      diffOptions,
    ),
  );
  // Without a base every resource is new: its whole YAML as a diff would only repeat the render.
  if (base === undefined)
    for (const diff of diffs) {
      for (const resource of diff.resources) resource.unifiedDiff = '';
      diff.findings = diff.findings.filter((finding) => finding.ruleId !== 'diff-environment-added');
    }
  for (const environment of goneEnvironments)
    diffs.push(diffEnvironment(baseByName.get(environment.name), undefined, diffOptions));
  for (const diff of diffs) {
    const files = sources.get(diff.environment);
    if (files !== undefined) diff.sources = files;
  }
  const order = loaded.config?.promotion?.order ?? [];
  const production = order.length > 1 ? order.slice(-1) : [];
  // Findings leave core here: whatever rule made them, no secret of either side may be quoted.
  const scrub = createScrubber([...headRendered, ...baseByName.values()], resolveDiffOptions(diffOptions));
  for (const check of validation) check.findings = scrub(check.findings);
  for (const check of policy?.checks ?? []) check.findings = scrub(check.findings);
  for (const diff of diffs) diff.findings = scrub(diff.findings);
  const names = (a: { environment: string }, b: { environment: string }) =>
    a.environment < b.environment ? -1 : a.environment > b.environment ? 1 : 0;
  return {
    report: {
      environments: diffs.sort(names),
      validation: validation.sort(names),
      ...(policy === undefined ? {} : { policy: policy.checks.sort(names) }),
      ...(noEnvironment ? { noEnvironment: noEnvironment.message } : {}),
      ...(!noEnvironment &&
      environments.length === 0 &&
      goneEnvironments.length === 0 &&
      uniqueNotUnderstood.length > 0
        ? { notUnderstood: uniqueNotUnderstood }
        : {}),
      ...(production.length > 0 ? { production } : {}),
      meta: {
        renderer: rendererLabel(environments),
        durationMs: deps.now() - started,
        kubernetesVersion: options.kubernetesVersion,
        strict: options.strict,
        crdsFromRepo: crds.length > 0 || renderedCrds,
        validated: schemas !== undefined,
        policy: policy !== undefined,
        ...(policy === undefined || policy.admissionPolicies === 0
          ? {}
          : { admissionPolicies: policy.admissionPolicies }),
        ...(schemas === undefined ? {} : { schemas: [...used.values()] }),
        compared: base !== undefined,
      },
    },
    findings: scrub([
      ...headDiscovery.findings,
      ...fromConfig.findings,
      ...(policy?.findings ?? []),
      ...(noEnvironment ? [noEnvironment] : []),
    ]),
    renderFailures: headRendered.filter((rendered) => !rendered.ok).length,
  };
}
