import { describe, expect, it } from 'vitest';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import type { PolicyEvaluator } from '../../../core/policy/policy-context.ts';
import { loadConfig } from '../../../core/render/environments/load-config.ts';
import { deployment, goodContainer, KUSTOMIZATION, policyOn } from './policy-fixture.ts';

const BASE = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': deployment(goodContainer('ghcr.io/acme/web:1.0.0')),
};

const summary = (run: Awaited<ReturnType<typeof policyOn>>) =>
  run.findings.map((finding) => [finding.ruleId, finding.severity, finding.path, finding.line]);

describe('findings point at the file and line that wrote the field', () => {
  it('an overlay patch that sets privileged', async () => {
    const run = await policyOn(
      {
        ...BASE,
        'envs/prod/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - path: privileged.yaml\n',
        'envs/prod/privileged.yaml': [
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: web',
          'spec:',
          '  template:',
          '    spec:',
          '      containers:',
          '        - name: app',
          '          securityContext:',
          '            privileged: true',
          '',
        ].join('\n'),
      },
      'envs/prod',
    );
    expect(run.findings.filter((f) => f.ruleId === 'privileged-container')).toEqual([
      {
        ruleId: 'privileged-container',
        severity: 'error',
        message:
          'Deployment web: container app runs privileged, with the devices and every capability of its node',
        path: 'envs/prod/privileged.yaml',
        line: 11,
        column: 13,
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      },
    ]);
  });

  it('the images: entry that set the latest tag', async () => {
    const run = await policyOn(
      {
        ...BASE,
        'envs/dev/kustomization.yaml':
          'resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: latest\n',
      },
      'envs/dev',
    );
    expect(summary(run)).toEqual([['latest-tag', 'warning', 'envs/dev/kustomization.yaml', 5]]);
  });

  it('the base, when the overlay does not touch the field', async () => {
    const run = await policyOn(
      { ...BASE, 'envs/dev/kustomization.yaml': 'resources:\n  - ../../base\nnamePrefix: dev-\n' },
      'envs/dev',
    );
    expect(summary(run)).toEqual([['unpinned-digest', 'notice', 'base/deployment.yaml', 16]]);
  });
});

describe('.kubeproof.yaml policy', () => {
  const LATEST = {
    'kustomization.yaml': KUSTOMIZATION,
    'deployment.yaml': deployment(goodContainer('nginx:latest')),
  };
  const withConfig = (config: string, name = 'root') =>
    policyOn({ ...LATEST, '.kubeproof.yaml': `version: 1\n${config}` }, '', { name });

  it.each([
    ['no setting: the default severity', '', [['latest-tag', 'warning']]],
    [
      'a severity for every environment',
      'policy:\n  rules:\n    latest-tag: error\n',
      [['latest-tag', 'error']],
    ],
    // With latest-tag off, unpinned-digest no longer leaves the image to it.
    [
      'off, as YAML reads it (false)',
      'policy:\n  rules:\n    latest-tag: off\n',
      [['unpinned-digest', 'notice']],
    ],
    ['"off", quoted', 'policy:\n  rules:\n    latest-tag: "off"\n', [['unpinned-digest', 'notice']]],
    ['two rules off', 'policy:\n  rules:\n    latest-tag: off\n    unpinned-digest: off\n', []],
    [
      'the environment wins over the global setting',
      'policy:\n  rules:\n    latest-tag: off\n  environments:\n    root:\n      rules: {latest-tag: error}\n',
      [['latest-tag', 'error']],
    ],
    [
      'on, in one environment, turns a rule back on with its default severity',
      'policy:\n  rules:\n    latest-tag: off\n  environments:\n    root:\n      rules: {latest-tag: on}\n',
      [['latest-tag', 'warning']],
    ],
    [
      'another environment’s setting does not apply',
      'policy:\n  environments:\n    prod:\n      rules: {latest-tag: off}\n',
      [['latest-tag', 'warning']],
    ],
  ])('%s', async (_, config, expected) => {
    const run = await withConfig(config);
    expect(run.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual(expected);
  });

  it('a stage name applies to every APP/STAGE environment of that stage', async () => {
    const run = await withConfig(
      'policy:\n  environments:\n    prod:\n      rules: {latest-tag: error}\n',
      'shop/prod',
    );
    expect(run.findings.map((finding) => finding.severity)).toEqual(['error']);
  });

  it.each([
    [
      'an unknown rule id',
      'policy:\n  rules:\n    latest-tags: error\n',
      [
        4,
        '"latest-tags" is not a rule kubeproof knows; docs/rules.md lists the policy rules; the setting is ignored',
      ],
    ],
    [
      'a rule that is not a policy rule',
      'policy:\n  environments:\n    dev:\n      rules:\n        schema: off\n',
      [
        6,
        '"schema" is not a policy rule (only policy rules can be set here); docs/rules.md lists the policy rules; the setting is ignored',
      ],
    ],
    [
      'a severity that does not exist',
      'policy:\n  rules:\n    latest-tag: fatal\n',
      [4, "value must be one of 'error', 'warning', 'notice', 'off', 'on', false, true"],
    ],
    [
      'an admission policy path that does not exist',
      'policy:\n  admissionPolicies: [policies/]\n',
      [3, 'there is no file or folder policies in the repository'],
    ],
    [
      'an environment that is not declared',
      'environments:\n  - {name: dev, path: .}\npolicy:\n  production: [prod]\n',
      [5, '"prod" is not a declared environment (declared: "dev")'],
    ],
  ])('%s is a config finding at its line', async (_, config, [line, message]) => {
    const loaded = await loadConfig(
      memoryFileSource({ ...LATEST, '.kubeproof.yaml': `version: 1\n${config}` }),
    );
    expect(
      loaded.findings.map((finding) => [finding.ruleId, finding.severity, finding.path, finding.line]),
    ).toEqual([['config', 'error', '.kubeproof.yaml', line]]);
    expect(loaded.findings[0]?.message).toContain(message);
  });
});

describe('kubeproof.dev/ignore', () => {
  const annotated = (annotations: string) =>
    policyOn({
      'kustomization.yaml': KUSTOMIZATION,
      'deployment.yaml': deployment(goodContainer('nginx:latest')).replace(
        '  name: web\n',
        `  name: web\n  annotations:\n${annotations}`,
      ),
    });

  it('suppresses the rules it names, with a reason, and counts them', async () => {
    const run = await annotated(
      '    kubeproof.dev/ignore: latest-tag, privileged-container\n    kubeproof.dev/ignore-reason: a demo that tracks upstream\n',
    );
    expect(run).toEqual({ findings: [], keys: [], suppressed: 1 });
  });

  it('still suppresses without a reason, and warns at the annotation', async () => {
    const run = await annotated('    kubeproof.dev/ignore: latest-tag\n');
    expect(run.suppressed).toBe(1);
    expect(run.findings).toEqual([
      {
        ruleId: 'policy-ignore',
        severity: 'warning',
        message:
          'kubeproof.dev/ignore turns off latest-tag without a kubeproof.dev/ignore-reason annotation: say why beside it',
        path: 'deployment.yaml',
        line: 6,
        column: 5,
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      },
    ]);
  });

  it('says that an unknown id suppresses nothing', async () => {
    const run = await annotated('    kubeproof.dev/ignore: latest\n    kubeproof.dev/ignore-reason: typo\n');
    expect(run.findings.map((finding) => [finding.ruleId, finding.message])).toEqual([
      ['latest-tag', expect.stringContaining('nginx:latest')],
      [
        'policy-ignore',
        'kubeproof.dev/ignore names "latest", which is not a policy rule (docs/rules.md): it suppresses nothing',
      ],
    ]);
  });
});

describe('the evaluator extension point', () => {
  it('runs another evaluator over the same context, and applies the config and suppressions to it', async () => {
    const seen: string[] = [];
    const counting: PolicyEvaluator = {
      name: 'test',
      evaluate(context) {
        seen.push(
          `${context.environment}: ${context.resources.length} resources, ${context.pods.length} pod specs`,
        );
        return [
          {
            ruleId: 'low-replicas',
            resource: 0,
            pointer: '/spec/selector',
            message: 'from another evaluator',
          },
        ];
      },
    };
    const run = await policyOn(
      { 'kustomization.yaml': KUSTOMIZATION, 'deployment.yaml': deployment(goodContainer()) },
      '',
      { evaluators: [counting] },
    );
    expect(seen).toEqual(['root: 1 resources, 1 pod specs']);
    expect(summary(run)).toEqual([['low-replicas', 'warning', 'deployment.yaml', 6]]);
  });
});

describe('Secret values never reach a policy finding', () => {
  const CANARY = 'CANARY-POLICY-7c1d9e';
  it('whatever rule reports on the Secret or on what reads it', async () => {
    const encoded = Buffer.from(CANARY).toString('base64');
    const run = await policyOn({
      'kustomization.yaml': 'resources:\n  - deployment.yaml\n  - secret.yaml\n',
      'deployment.yaml': deployment(
        `${goodContainer('nginx:latest')}\n          env:\n            - {name: TOKEN, value: ${CANARY}}\n            - {name: TOKEN, value: ${CANARY}-2}`,
      ),
      'secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  token: ${encoded}\nstringData:\n  ${CANARY}: ${CANARY}\n`,
    });
    expect(run.findings.map((finding) => finding.ruleId).sort()).toEqual([
      'duplicate-env',
      'latest-tag',
      'plain-secret',
    ]);
    const text = JSON.stringify(run.findings);
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain(encoded);
    expect(text).not.toContain('7c1d9e');
  });
});
