import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../core/check/run-check.ts';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { checkAnnotations, checkConclusion } from '../../../core/report/check-run.ts';
import { checkRunText } from '../../../core/report/check-run-text.ts';
import { renderText } from '../../../core/report/comment/render-text.ts';
import { createGitOpsSchemas } from '../../../core/validate/gitops-schemas.ts';
import { createSchemaCompiler } from '../../../core/validate/compile-schema.ts';
import { createAjv } from '../../../core/validate/create-ajv.ts';
import { createOfflineSchemas } from '../../../core/validate/offline-schemas.ts';
import { parseSchemaLocation } from '../../../core/validate/schema-location.ts';
import { createSchemaLoader } from '../../../core/validate/schema-loader.ts';
import { createSchemaRegistry } from '../../../core/validate/schema-registry.ts';
import type { ValidateDeps } from '../../../core/validate/validate-manifests.ts';
import { FIXTURE_CRD_LOCATION, FIXTURE_LOCATION } from '../../helpers/schemas.ts';

/** The project's fixture schemas, no network; with `gitops`, the bundled Argo CD and Flux models too. */
function schemas(gitops = false, strict = false): ValidateDeps {
  const loader = createSchemaLoader({ readFile: (path) => readFile(path, 'utf8'), sleep: async () => {} });
  const compile = createSchemaCompiler(createAjv(), loader);
  const registry = createSchemaRegistry(
    {
      locations: [parseSchemaLocation(FIXTURE_LOCATION), parseSchemaLocation(FIXTURE_CRD_LOCATION)],
      kubernetesVersion: '1.31.0',
      strict,
      offlineFallback: false,
      baseDirectory: process.cwd(),
    },
    {
      loader,
      compile,
      offline: createOfflineSchemas(),
      ...(gitops ? { gitops: createGitOpsSchemas() } : {}),
      notice: () => {},
    },
  );
  return { registry, compile };
}

async function check(files: Record<string, string>) {
  const result = await runCheck(
    { files: memoryFileSource(files) },
    undefined,
    { kubernetesVersion: '1.31.0', strict: false, policy: false },
    { now: () => 0, validate: schemas() },
  );
  const findings = result.report.validation.flatMap((environment) => environment.findings);
  return { result, at: findings.map((f) => [f.path, f.line, f.resource?.name]) };
}

const configMap = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  port: 80\n`;

const applicationSet = (name: string) =>
  [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  goTemplate: "yes"',
    '  generators:',
    '    - list:',
    '        elements: []',
    '  template:',
    '    metadata: { name: app }',
    '    spec:',
    '      project: default',
    "      source: { repoURL: 'https://example.com/repo.git', path: apps/app }",
    "      destination: { server: 'https://kubernetes.default.svc' }",
    '',
  ].join('\n');

describe('validateRendered: findings land on the file of their resource', () => {
  it('cites each of three ConfigMaps with the same bad field in its own file and line', async () => {
    const { result, at } = await check({
      'envs/prod/kustomization.yaml': 'resources:\n- a.yaml\n- b.yaml\n- c.yaml\n',
      'envs/prod/a.yaml': configMap('a'),
      'envs/prod/b.yaml': `# b comes with a comment\n${configMap('b')}`,
      'envs/prod/c.yaml': `---\n${configMap('c')}`,
    });
    expect(at).toEqual([
      ['envs/prod/a.yaml', 6, 'a'],
      ['envs/prod/b.yaml', 7, 'b'],
      ['envs/prod/c.yaml', 7, 'c'],
    ]);
    // One annotation per file, not one on a.yaml for all three.
    expect(checkAnnotations(result.report).map((a) => [a.path, a.startLine])).toEqual([
      ['envs/prod/a.yaml', 6],
      ['envs/prod/b.yaml', 7],
      ['envs/prod/c.yaml', 7],
    ]);
  });

  it.each([
    ['a kustomization', { 'envs/apps/kustomization.yaml': 'resources:\n- one.yaml\n- two.yaml\n' }],
    [
      'plain manifests (an Argo CD directory source)',
      {
        '.kubeproof.yaml': 'version: 1\nenvironments:\n  - { name: apps, path: envs/apps, renderer: none }\n',
      },
    ],
  ])('cites each Argo CD ApplicationSet in its own file, rendered by %s', async (_, extra) => {
    const { at } = await check({
      ...extra,
      'envs/apps/one.yaml': applicationSet('one'),
      'envs/apps/two.yaml': `# the second set\n\n${applicationSet('two')}`,
    });
    expect(at).toEqual([
      ['envs/apps/one.yaml', 6, 'one'],
      ['envs/apps/two.yaml', 8, 'two'],
    ]);
  });

  it("cites the overlay's patch that wrote the value, and not a patch of another resource", async () => {
    const { at } = await check({
      'base/kustomization.yaml': 'resources:\n- api.yaml\n- web.yaml\n',
      'base/api.yaml': configMap('api').replace('port: 80', 'port: "80"'),
      'base/web.yaml': configMap('web').replace('port: 80', 'port: "80"'),
      'envs/prod/kustomization.yaml':
        'namePrefix: prod-\nresources:\n- ../../base\npatches:\n- path: patch-api.yaml\n- path: patch-web.yaml\n',
      'envs/prod/patch-api.yaml': configMap('api'),
      'envs/prod/patch-web.yaml': `# the web patch\n${configMap('web')}`,
    });
    expect(at).toEqual([
      ['envs/prod/patch-api.yaml', 6, 'prod-api'],
      ['envs/prod/patch-web.yaml', 7, 'prod-web'],
    ]);
  });
});

describe('runCheck on an environment with a manifest nested 10,000 levels deep', () => {
  it('reports a finding on that file, and still renders, diffs and validates the other environments', async () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const side = (value: string) =>
      memoryFileSource({
        'envs/prod/kustomization.yaml': 'resources:\n- deep.yaml\n',
        'envs/prod/deep.yaml': deep,
        'envs/staging/kustomization.yaml': 'resources:\n- cm.yaml\n',
        'envs/staging/cm.yaml': configMap('app').replace('port: 80', `port: ${value}`),
      });
    const result = await runCheck(
      { files: side('8080') },
      { files: side('"80"') },
      {
        kubernetesVersion: '1.31.0',
        strict: false,
        changedFiles: ['envs/prod/deep.yaml', 'envs/staging/cm.yaml'],
      },
      { now: () => 0, validate: schemas() },
    );

    const [prod, staging] = result.report.environments;
    expect(prod?.status).toBe('error');
    expect(prod?.findings.map((f) => [f.path, f.line, f.message])).toEqual([
      [
        'envs/prod/deep.yaml',
        6,
        expect.stringMatching(/^base: invalid YAML: mappings and lists nest deeper than 512 levels/),
      ],
      [
        'envs/prod/deep.yaml',
        6,
        expect.stringMatching(/^head: invalid YAML: mappings and lists nest deeper than 512 levels/),
      ],
    ]);
    expect(staging?.status).toBe('changed');
    expect(
      result.report.validation.map((v) => [v.environment, v.findings.map((f) => [f.path, f.line])]),
    ).toEqual([['staging', [['envs/staging/cm.yaml', 6]]]]);
  });
});

describe('validateRendered: Argo CD and Flux kinds, and kinds without a schema', () => {
  const application = (prune: string) =>
    [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata: { name: web, namespace: argocd }',
      'spec:',
      '  project: default',
      "  destination: { server: 'https://kubernetes.default.svc', namespace: web }",
      `  syncPolicy: { automated: { prune: ${prune} } }`,
      '',
    ].join('\n');
  const sealed = (name: string) =>
    `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: { name: ${name} }\nspec:\n  encryptedData: { password: AgBy3i4O }\n`;
  const helmRelease =
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: { name: podinfo }\nspec: { interval: 5m }\n';
  const repository = {
    'base/kustomization.yaml': 'resources:\n- app.yaml\n- sealed.yaml\n- release.yaml\n',
    'base/app.yaml': application('true'),
    'base/sealed.yaml': `${sealed('db')}---\n${sealed('cache')}`,
    'base/release.yaml': helmRelease,
    'envs/dev/kustomization.yaml': 'resources:\n- ../../base\n',
    'envs/prod/kustomization.yaml': 'resources:\n- ../../base\npatches:\n- path: app.yaml\n',
    'envs/prod/app.yaml': application('"yes"'),
  };

  async function run(strict = false) {
    return runCheck(
      { files: memoryFileSource(repository) },
      undefined,
      { kubernetesVersion: '1.31.0', strict, policy: false },
      { now: () => 0, validate: schemas(true, strict) },
    );
  }

  it('validates the Application with the bundled package where the locations have no schema, naming it', async () => {
    const { report } = await run();
    const prod = report.validation.find((check) => check.environment === 'prod');
    expect(prod?.findings.map((f) => [f.ruleId, f.path, f.line, f.message])).toEqual([
      ['schema', 'envs/prod/app.yaml', 7, '/spec/syncPolicy/automated/prune: got string, want boolean'],
    ]);
    expect(report.meta.schemas).toContainEqual(
      expect.objectContaining({
        source: '@kubernetes-models/argo-cd 2.7.2 (Argo CD 2.14.11 CRDs, not strict)',
        origin: 'offline',
      }),
    );
    expect(renderText(report)).toMatch(
      /schemas: @kubernetes-models\/argo-cd 2\.7\.2 \(Argo CD 2\.14\.11 CRDs, not strict\)/,
    );
  });

  it('says once which kinds had no schema, instead of one warning per resource', async () => {
    const { report } = await run();
    expect(report.validation.map((check) => [check.environment, check.notValidated, check.warnings])).toEqual(
      [
        ['dev', 3, 0],
        ['prod', 3, 0],
      ],
    );
    expect(report.validation[0]?.missingSchemas).toEqual([
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', resources: 2 },
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', resources: 1 },
    ]);
    const findings = report.validation.flatMap((check) => check.findings);
    expect(findings.filter((f) => f.ruleId === 'missing-schema')).toEqual([]);
    expect(checkAnnotations(report).map((a) => a.path)).toEqual(['envs/prod/app.yaml']);
    const once =
      'not validated, no schema: SealedSecret bitnami.com/v1alpha1 (4 resources), HelmRelease helm.toolkit.fluxcd.io/v2 (2 resources)';
    const text = renderText(report);
    expect(text.split(once)).toHaveLength(2);
    expect(text).toMatch(/^dev +4 +3 not validated$/m);
    expect(text).toMatch(/· 1 validation error · 6 resources not validated/);
    expect(checkRunText(report).summary.split(once)).toHaveLength(2);
  });

  it('a kind without a schema keeps the check run from success, and counts as a warning for fail-on', async () => {
    const { report } = await run();
    const devOnly = { ...report, validation: report.validation.filter((c) => c.environment === 'dev') };
    devOnly.environments = report.environments.filter((e) => e.environment === 'dev');
    expect(checkConclusion(devOnly, 'error')).toBe('neutral');
    expect(checkConclusion(devOnly, 'warning')).toBe('failure');
  });

  it('with -strict, the Application the package passes is listed as without a strict schema', async () => {
    const { report } = await run(true);
    const dev = report.validation.find((check) => check.environment === 'dev');
    expect(dev?.missingSchemas).toContainEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      resources: 1,
      detail:
        'no strict schema: @kubernetes-models/argo-cd 2.7.2 found no error but cannot see unknown fields',
    });
    // The error it finds in prod is still reported.
    const prod = report.validation.find((check) => check.environment === 'prod');
    expect(prod?.findings.map((f) => f.message)).toEqual([
      '/spec/syncPolicy/automated/prune: got string, want boolean',
    ]);
    expect(prod?.missingSchemas?.map((m) => m.kind)).toEqual(['SealedSecret', 'HelmRelease']);
  });
});
