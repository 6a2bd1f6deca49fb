import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../core/render/environments/load-config.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';
import { fixtureRepo } from './fixture-repo.ts';

const SCHEMA = JSON.parse(
  readFileSync(new URL('../../../../schemas/kubeproof-config.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function error(message: string, line: number, column: number): object {
  return { ruleId: 'config', severity: 'error', message, path: '.kubeproof.yaml', line, column };
}

const REPO = { 'envs/dev/kustomization.yaml': 'resources: []\n' };
const HELM_REPO = { 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n' };

describe('loadConfig', () => {
  it('returns no config and no finding when there is no config file', async () => {
    expect(await loadConfig(memoryFileSource(REPO))).toEqual({ findings: [] });
  });

  it('reads a valid config and normalises its paths', async () => {
    const result = await loadConfig(fixtureRepo('valid.kubeproof.yaml'));

    expect(result).toEqual({
      path: '.kubeproof.yaml',
      findings: [],
      config: {
        version: 1,
        environments: [
          { name: 'dev', path: 'envs/dev' },
          { name: 'staging', path: 'envs/staging', renderer: 'kubectl' },
          { name: 'prod', path: 'envs/prod', kubernetesVersion: '1.31.0' },
          {
            name: 'web-prod',
            path: 'envs/prod',
            helm: {
              chart: 'charts/web',
              valuesFiles: ['charts/web/values.yaml', 'envs/prod/web-values.yaml'],
              releaseName: 'web',
              namespace: 'web-prod',
            },
          },
        ],
        promotion: { order: ['dev', 'staging', 'prod'] },
        policy: { anything: 'goes' },
      },
    });
  });

  it('reports schema violations on the line and column of the offending field, and no config', async () => {
    const result = await loadConfig(fixtureRepo('schema-errors.kubeproof.yaml'));

    expect(result.config).toBeUndefined();
    expect(result.findings).toEqual([
      error(
        "environments[0].renderer: value must be one of 'builtin', 'kustomize', 'kubectl', 'helm', 'none'",
        6,
        5,
      ),
      error('environments[1].kubernetesVersion: got number, want string (quote the value in YAML)', 9, 5),
      error(
        'environments[2].name: "Prod Env" is not letters, digits, ".", "_" and "-" only, starting and ending with a letter or digit',
        10,
        5,
      ),
      error("environments[2].helm: missing property 'chart'", 12, 5),
      error("environments[3]: missing property 'name'", 14, 5),
      error("environments[3]: additional properties 'namespace' not allowed", 15, 5),
      error('promotion.order: minItems: got 1, want 2', 17, 3),
    ]);
  });

  it('checks names, the promotion order and paths once the schema is satisfied', async () => {
    const result = await loadConfig(fixtureRepo('semantic-errors.kubeproof.yaml'));

    expect(result.config?.environments?.map((e) => e.name)).toEqual([
      'dev',
      'staging',
      'dev',
      'escape',
      'chart',
      'plain',
    ]);
    expect(result.findings).toEqual([
      error(
        'environments[2].name: "dev" is already the name of environments[0] (line 3); names must be unique',
        7,
        5,
      ),
      error('environments[2].path: there is no folder envs/qa in the repository', 8, 5),
      error(
        'environments[3].path: "../other-repo/envs/prod" is outside the repository; write a path relative to the repository root',
        10,
        5,
      ),
      error(
        'environments[4]: helm settings are given but renderer is "kustomize"; remove one of them',
        14,
        5,
      ),
      error('environments[4].helm.chart: there is no folder charts/missing in the repository', 15, 7),
      error(
        'environments[4].helm.valuesFiles[0]: there is no file envs/prod/missing-values.yaml in the repository',
        17,
        11,
      ),
      {
        ...error(
          'environments[5]: renderer builtin needs a kustomization, and platform/crds holds none (kustomization.yaml, kustomization.yml or Kustomization)',
          20,
          5,
        ),
        severity: 'warning',
      },
      error(
        'promotion.order[2]: "production" is not a declared environment (declared: "dev", "staging", "escape", "chart", "plain")',
        25,
        7,
      ),
    ]);
  });

  it.each([
    [
      'a duplicate key',
      'version: 1\nenvironments:\n  - name: dev\n    path: envs/dev\n    name: qa\n',
      [error('invalid YAML: key "name" already set in map', 5, 5)],
    ],
    [
      'a syntax error',
      'version: 1\nenvironments:\n  - name: dev\n   path: envs/dev\n',
      [expect.objectContaining({ ruleId: 'config', severity: 'error', line: 4 })],
    ],
    ['an empty file', '# nothing yet\n', [error('got null, want object', 1, 1)]],
    [
      'no version',
      'environments:\n  - {name: dev, path: envs/dev}\n',
      [error("missing property 'version'", 1, 1)],
    ],
    // Promotion names discovered environments too (APP/STAGE): `promote` checks them when it runs.
    ['a promotion without environments', 'version: 1\npromotion:\n  order: [dev, prod]\n', []],
    [
      'a tag field that says neither repository nor image',
      'version: 1\npromotion:\n  tagFields:\n    - tag: imageVersion\n',
      [expect.objectContaining({ ruleId: 'config', severity: 'error', line: 4 })],
    ],
    ['automatic promotion of every environment', 'version: 1\npromotion:\n  auto: true\n', []],
    [
      'automatic promotion that is neither true, false nor a list of pairs',
      'version: 1\npromotion:\n  auto: sometimes\n',
      [expect.objectContaining({ ruleId: 'config', severity: 'error', line: 3 })],
    ],
    [
      'an automatic pair without its target',
      'version: 1\npromotion:\n  auto:\n    - from: dev\n',
      [expect.objectContaining({ ruleId: 'config', severity: 'error', line: 4 })],
    ],
    [
      'an automatic pair naming an environment that is not declared',
      'version: 1\nenvironments:\n  - {name: dev, path: envs/dev}\npromotion:\n  auto:\n    - {from: dev, to: prod}\n',
      [error('promotion.auto[0].to: "prod" is not a declared environment (declared: "dev")', 6, 19)],
    ],
    [
      'a protected environment that is not declared',
      'version: 1\nenvironments:\n  - {name: dev, path: envs/dev}\npromotion:\n  protected: [prod]\n',
      [error('promotion.protected[0]: "prod" is not a declared environment (declared: "dev")', 5, 15)],
    ],
    [
      'an absolute path',
      'version: 1\nenvironments:\n  - name: dev\n    path: /envs/dev\n',
      [
        error(
          'environments[0].path: "/envs/dev" is absolute; write a path relative to the repository root',
          4,
          5,
        ),
      ],
    ],
  ])('reports %s', async (_, text, findings) => {
    const result = await loadConfig(memoryFileSource({ ...REPO, '.kubeproof.yaml': text }));

    expect(result.findings).toEqual(findings);
  });

  it('reports the newer helm fields that break the schema on their own lines', async () => {
    const text = `version: 1
environments:
  - name: web
    path: charts/web
    helm:
      chart: charts/web
      values: [replicas, 2]
      parameters:
        - {name: port, value: 8080}
        - {name: tag, value: v1, flag: sett}
      kubeVersion: '1.30'
      apiVersions: ['monitoring.coreos.com/v1 ServiceMonitor']
      skipCrds: 'yes'
`;

    const result = await loadConfig(memoryFileSource({ ...HELM_REPO, '.kubeproof.yaml': text }));

    expect(result.config).toBeUndefined();
    expect(result.findings).toEqual([
      error('environments[0].helm.values: got array, want object', 7, 7),
      error(
        'environments[0].helm.parameters[0].value: got number, want string (quote the value in YAML)',
        9,
        24,
      ),
      error(
        "environments[0].helm.parameters[1].flag: value must be one of 'set', 'set-string', 'set-file'",
        10,
        34,
      ),
      error(
        'environments[0].helm.kubeVersion: "1.30" is not a Kubernetes version written x.y.z, for example "1.31.0"',
        11,
        7,
      ),
      error(
        'environments[0].helm.apiVersions[0]: "monitoring.coreos.com/v1 ServiceMonitor" is not an API version without spaces, for example "monitoring.coreos.com/v1"',
        12,
        21,
      ),
      error('environments[0].helm.skipCrds: got string, want boolean', 13, 7),
    ]);
  });

  it('checks set-file parameters, and lets ignoreMissingValueFiles skip missing values files only', async () => {
    const text = `version: 1
environments:
  - name: web
    path: charts/web
    helm:
      chart: charts/web
      ignoreMissingValueFiles: true
      valuesFiles: [values/gone.yaml, ../outside.yaml]
      parameters:
        - {name: config, value: files/gone.txt, flag: set-file}
        - {name: tag, value: files/gone.txt}
`;

    const result = await loadConfig(memoryFileSource({ ...HELM_REPO, '.kubeproof.yaml': text }));

    expect(result.findings).toEqual([
      error(
        'environments[0].helm.valuesFiles[1]: "../outside.yaml" is outside the repository; write a path relative to the repository root',
        8,
        39,
      ),
      error(
        'environments[0].helm.parameters[0].value: there is no file files/gone.txt in the repository',
        10,
        26,
      ),
    ]);
  });

  it('reads .kubeproof.yml too, and warns when both names exist', async () => {
    const text = 'version: 1\n';
    const only = await loadConfig(memoryFileSource({ '.kubeproof.yml': text }));
    const both = await loadConfig(memoryFileSource({ '.kubeproof.yml': text, '.kubeproof.yaml': text }));

    expect(only).toEqual({ path: '.kubeproof.yml', config: { version: 1 }, findings: [] });
    expect(both.findings).toEqual([
      {
        ...error('.kubeproof.yml is ignored: .kubeproof.yaml is read instead; keep one of them', 1, 1),
        severity: 'warning',
      },
    ]);
  });

  it('keeps the diff settings and the reserved sections as mappings', async () => {
    const text = 'version: 1\ndiff:\n  contextLines: 3\npolicy: {}\nvalidate:\n  strict: true\n';

    const result = await loadConfig(memoryFileSource({ '.kubeproof.yaml': text }));

    expect(result).toEqual({
      path: '.kubeproof.yaml',
      config: { version: 1, diff: { contextLines: 3 }, policy: {}, validate: { strict: true } },
      findings: [],
    });
  });
});

describe('schemas/kubeproof-config.schema.json', () => {
  it('is a draft-04 schema', () => {
    expect(SCHEMA['$schema']).toBe('http://json-schema.org/draft-04/schema#');
  });

  it('describes every property, for editors', () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      for (const [name, property] of Object.entries(
        (schema['properties'] ?? {}) as Record<string, unknown>,
      )) {
        if (typeof (property as { description?: unknown }).description !== 'string')
          undocumented.push(`${at}/${name}`);
        visit(property, `${at}/${name}`);
      }
      visit(schema['items'], `${at}[]`);
      for (const [name, definition] of Object.entries(
        (schema['definitions'] ?? {}) as Record<string, unknown>,
      ))
        visit(definition, `#/definitions/${name}`);
    };

    visit(SCHEMA, '');

    expect(undocumented).toEqual([]);
  });
});
