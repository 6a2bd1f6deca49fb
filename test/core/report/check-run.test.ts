import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/findings.ts';
import {
  buildCheckRun,
  checkAnnotations,
  checkConclusion,
  type FailOn,
} from '../../../core/report/check-run.ts';
import { CHECK_OUTPUT_LIMIT } from '../../../core/report/check-run-text.ts';
import type { CheckReport } from '../../../core/report/check-report.ts';
import {
  bigReport,
  check,
  environment,
  failingReport,
  META,
  mockReport,
  quietReport,
} from './comment/fixtures.ts';

const notRendered: CheckReport = {
  environments: [
    environment('qa', [], 'error', [
      {
        ruleId: 'kustomize-build',
        severity: 'error',
        message: 'head: no such file',
        path: 'envs/qa/kustomization.yaml',
      },
    ]),
  ],
  validation: [],
  meta: META,
};

const shared = (line: number): Finding => ({
  ruleId: 'schema',
  severity: 'error',
  message: 'spec.replicas: expected integer',
  path: 'apps/web/base/deployment.yaml',
  line,
  column: 3,
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
});

/** The same base file validated in two environments. */
const sharedBase: CheckReport = {
  environments: [environment('dev', []), environment('prod', [])],
  validation: [check('dev', 1, [shared(7)]), check('prod', 1, [shared(7), shared(9)])],
  meta: META,
};

const configError: Finding = {
  ruleId: 'config',
  severity: 'error',
  message: 'environments[0].path: must be a string',
  path: '.kubeproof.yaml',
  line: 3,
};

describe('checkConclusion', () => {
  it.each<[string, CheckReport, FailOn, string]>([
    ['a quiet report', quietReport, 'error', 'success'],
    ['a quiet report', quietReport, 'warning', 'success'],
    ['a quiet report', quietReport, 'never', 'success'],
    ['validation errors', failingReport, 'error', 'failure'],
    ['validation errors', failingReport, 'warning', 'failure'],
    ['validation errors', failingReport, 'never', 'neutral'],
    ['a policy warning only', mockReport, 'error', 'success'],
    ['a policy warning only', mockReport, 'warning', 'failure'],
    ['a policy warning only', mockReport, 'never', 'success'],
    ['an environment that did not render', notRendered, 'error', 'failure'],
    ['an environment that did not render', notRendered, 'never', 'neutral'],
  ])('%s with fail-on %s is %s', (_, report, failOn, expected) => {
    expect(checkConclusion(report, failOn)).toBe(expected);
  });

  it('counts repository findings outside the environments', () => {
    expect(checkConclusion(quietReport, 'error', [configError])).toBe('failure');
    expect(checkConclusion(quietReport, 'error', [{ ...configError, severity: 'warning' }])).toBe('success');
    expect(checkConclusion(quietReport, 'warning', [{ ...configError, severity: 'warning' }])).toBe(
      'failure',
    );
  });
});

describe('checkAnnotations', () => {
  it('annotates every finding with a file and a line, level from severity, title the rule id and its description', () => {
    // Act
    const annotations = checkAnnotations(failingReport);

    // Assert
    expect(annotations).toEqual([
      {
        path: 'apps/api/base/deployment.yaml',
        startLine: 23,
        endLine: 23,
        startColumn: 9,
        endColumn: 9,
        level: 'failure',
        message: "spec.template.spec.containers[1]: missing required property 'name'",
        title: 'schema: The resource does not match its JSON Schema.',
        rawDetails: 'Environments: prod\nResources: Deployment prod/api',
      },
      {
        path: 'apps/api/base/pdb.yaml',
        startLine: 1,
        endLine: 1,
        level: 'warning',
        message: 'policy/v1beta1 PodDisruptionBudget is removed in Kubernetes 1.25; use policy/v1',
        title: 'deprecated-api: The apiVersion is deprecated in the target Kubernetes version.',
        rawDetails: 'Environments: prod',
      },
      {
        path: 'envs/qa/kustomization.yaml',
        startLine: 4,
        endLine: 4,
        level: 'failure',
        message: 'head: accumulating resources: envs/qa/missing.yaml: no such file',
        title: 'kustomize-build: The kustomization does not build.',
        rawDetails: 'Environments: qa',
      },
    ]);
  });

  it('annotates a finding shared by several environments once, naming them', () => {
    const annotations = checkAnnotations(sharedBase);

    expect(annotations.map((a) => [a.startLine, a.rawDetails])).toEqual([
      [7, 'Environments: dev, prod\nResources: Deployment web'],
      [9, 'Environments: prod\nResources: Deployment web'],
    ]);
  });

  it('prefixes the working directory and leaves out findings GitHub cannot place', () => {
    // Arrange
    const report: CheckReport = {
      environments: [],
      validation: [
        check('prod', 3, [
          { ruleId: 'schema', severity: 'error', message: 'no line', path: 'a.yaml' },
          { ruleId: 'schema', severity: 'error', message: 'outside', path: '../other/a.yaml', line: 2 },
          { ruleId: 'schema', severity: 'error', message: 'absolute', path: '/tmp/a.yaml', line: 2 },
          { ruleId: 'schema', severity: 'notice', message: 'kept', path: './envs/a.yaml', line: 2 },
        ]),
      ],
      meta: META,
    };

    // Act
    const annotations = checkAnnotations(report, { pathPrefix: 'clusters/', findings: [configError] });

    // Assert
    expect(annotations.map((a) => [a.path, a.level, a.message])).toEqual([
      ['clusters/.kubeproof.yaml', 'failure', configError.message],
      ['clusters/envs/a.yaml', 'notice', 'kept'],
    ]);
  });

  it('passes on every annotation: batching them is the port’s job', () => {
    const findings = Array.from({ length: 120 }, (_, i) => ({ ...shared(i + 1), message: `m${i}` }));
    const report: CheckReport = { environments: [], validation: [check('prod', 1, findings)], meta: META };

    expect(checkAnnotations(report)).toHaveLength(120);
  });
});

describe('buildCheckRun', () => {
  it('builds a failing check run with a title in numbers, the comment as summary, the annotations', () => {
    // Act
    const run = buildCheckRun(failingReport, {
      name: 'kubeproof',
      failOn: 'error',
      detailsUrl: 'https://github.com/acme/gitops/actions/runs/1',
    });

    // Assert
    expect(run.name).toBe('kubeproof');
    expect(run.conclusion).toBe('failure');
    expect(run.title).toBe(
      '1 environment changes · 1 environment not rendered · 1 validation error · 1 validation warning',
    );
    expect(run.summary.startsWith('### kubeproof: ')).toBe(true);
    expect(run.summary).not.toContain('<!-- kubeproof');
    expect(run.text).toBeUndefined();
    expect(run.annotations).toHaveLength(3);
    expect(run.detailsUrl).toBe('https://github.com/acme/gitops/actions/runs/1');
    expect(run).toMatchSnapshot();
  });

  it('leaves out the details URL when none is given', () => {
    expect(buildCheckRun(quietReport, { name: 'kubeproof', failOn: 'error' })).not.toHaveProperty(
      'detailsUrl',
    );
  });

  it('lists repository problems in the summary and counts them in the title', () => {
    const run = buildCheckRun(quietReport, { name: 'kubeproof', failOn: 'error', findings: [configError] });

    expect(run.conclusion).toBe('failure');
    expect(run.title).toBe('no environment changes · valid · 1 repository error');
    expect(run.summary).toContain('#### Repository problems');
    expect(run.summary).toContain('`.kubeproof.yaml:3`: environments\\[0\\].path: must be a string');
  });

  it('keeps a report that needs several comments within GitHub’s 65,535 characters, the rest in text', () => {
    // Arrange: 40 environments of 60 resources do not fit one comment even as a list.
    const report = bigReport(40, 60, 4);

    // Act
    const run = buildCheckRun(report, { name: 'kubeproof', failOn: 'error' });

    // Assert
    expect(run.summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(run.summary).toContain('The report continues below.');
    expect(run.summary).not.toMatch(/more comments? below/);
    expect(run.text).toBeDefined();
    expect(run.text?.length ?? 0).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(`${run.summary}${run.text ?? ''}`).not.toContain('<!-- kubeproof');
  });
});
