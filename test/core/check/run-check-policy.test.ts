import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../core/check/run-check.ts';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { checkAnnotations, checkConclusion } from '../../../core/report/check-run.ts';
import { renderComment } from '../../../core/report/comment/render-comment.ts';
import { renderText } from '../../../core/report/comment/render-text.ts';
import { sarifCheck } from '../../../core/report/sarif-check.ts';

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 3',
  '  selector:',
  '    matchLabels: {app: web}',
  '  template:',
  '    metadata:',
  '      labels: {app: web}',
  '    spec:',
  '      containers:',
  '        - name: web',
  '          image: ghcr.io/acme/web:1.0.0',
  '',
].join('\n');

const CONFIG = [
  'version: 1',
  'environments:',
  '  - {name: dev, path: envs/dev}',
  '  - {name: prod, path: envs/prod}',
  'promotion:',
  '  order: [dev, prod]',
  '  protected: [prod]',
  'policy:',
  '  rules:',
  // Only what the change is about, so the test reads the verdict of one rule.
  ...[
    'unpinned-digest',
    'missing-requests',
    'missing-memory-limit',
    'missing-probes',
    'privilege-escalation',
    'run-as-root',
  ].map((id) => `    ${id}: off`),
  '',
].join('\n');

const overlay = (tag: string) =>
  `resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: ${tag}\n`;

const repository = (prodTag: string) =>
  memoryFileSource({
    '.kubeproof.yaml': CONFIG,
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': DEPLOYMENT,
    'envs/dev/kustomization.yaml': overlay('1.1.0'),
    'envs/prod/kustomization.yaml': overlay(prodTag),
  });

const check = (policy?: boolean) =>
  runCheck(
    { files: repository('latest') },
    { files: repository('1.0.0') },
    { kubernetesVersion: '1.31.0', strict: false, ...(policy === undefined ? {} : { policy }) },
    { now: () => 0 },
  );

const MESSAGE =
  'prod is protected (promotion.protected) and Deployment web: container web runs ghcr.io/acme/web:latest, tag latest, which is mutable: pin a version or a digest';

describe('the check runs policy on the environments the change affects', () => {
  it('a pull request that puts :latest in protected prod: an error at the images: entry, everywhere the report goes', async () => {
    const { report } = await check();

    expect(report.policy).toEqual([
      {
        environment: 'prod',
        resources: 1,
        errors: 1,
        warnings: 0,
        findings: [
          {
            ruleId: 'mutable-tag-protected',
            severity: 'error',
            message: MESSAGE,
            path: 'envs/prod/kustomization.yaml',
            line: 5,
            column: 5,
            resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          },
        ],
      },
    ]);
    expect(checkConclusion(report, 'error')).toBe('failure');
    const comment = renderComment(report).join('\n');
    expect(comment).toContain('❌ 1 policy error');
    expect(comment).toContain(MESSAGE);
    expect(comment).toContain('envs/prod/kustomization.yaml');
    expect(comment).toContain('policy: built-in rules');
    expect(renderText(report).split('\n')[0]).toBe('kubeproof: 1 environment changes · 1 policy error');
    expect(checkAnnotations(report)).toEqual([
      expect.objectContaining({
        path: 'envs/prod/kustomization.yaml',
        startLine: 5,
        level: 'failure',
        message: MESSAGE,
      }),
    ]);
    const sarif = JSON.parse(sarifCheck(report, { version: '0.0.0', findings: [] })) as {
      runs: { results: { ruleId: string; level: string }[] }[];
    };
    expect(sarif.runs[0]?.results.map((result) => [result.ruleId, result.level])).toEqual([
      ['mutable-tag-protected', 'error'],
    ]);
  });

  it('turned off, the report holds no policy results and claims nothing about policy', async () => {
    const { report } = await check(false);
    expect(report.policy).toBeUndefined();
    expect(report.meta.policy).toBe(false);
    expect(checkConclusion(report, 'error')).toBe('success');
    const text = renderText(report);
    expect(text).not.toMatch(/policy passed|policy error|built-in rules/);
  });

  it('an environment without problems passes policy, and the verdict says so', async () => {
    const { report } = await runCheck(
      { files: repository('1.2.0') },
      { files: repository('1.0.0') },
      { kubernetesVersion: '1.31.0', strict: false },
      { now: () => 0 },
    );
    expect(report.policy?.map((check) => [check.environment, check.findings])).toEqual([['prod', []]]);
    expect(renderText(report).split('\n')[0]).toBe('kubeproof: 1 environment changes · policy passed');
  });

  it('a problem the base already had is counted, not listed: the verdict says "no new policy problems"', async () => {
    // Both sides run :latest in protected prod; the pull request changes something else.
    const base = repository('latest');
    const head = memoryFileSource({
      '.kubeproof.yaml': CONFIG,
      'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
      'base/deployment.yaml': DEPLOYMENT.replace('replicas: 3', 'replicas: 4'),
      'envs/dev/kustomization.yaml': overlay('1.1.0'),
      'envs/prod/kustomization.yaml': overlay('latest'),
    });
    const { report } = await runCheck(
      { files: head },
      { files: base },
      { kubernetesVersion: '1.31.0', strict: false },
      { now: () => 0 },
    );
    const prod = report.policy?.find((check) => check.environment === 'prod');
    expect(prod).toMatchObject({ errors: 0, findings: [], existing: 1 });
    expect(checkConclusion(report, 'error')).toBe('success');
    expect(renderText(report).split('\n')[0]).toBe(
      'kubeproof: 2 environments change · no new policy problems',
    );
    expect(renderComment(report).join('\n')).toContain('1 finding the base already had not listed');
  });

  it('without a base every finding is listed', async () => {
    const { report } = await runCheck(
      { files: repository('latest') },
      undefined,
      { kubernetesVersion: '1.31.0', strict: false },
      { now: () => 0 },
    );
    const prod = report.policy?.find((check) => check.environment === 'prod');
    expect(prod?.findings.map((finding) => finding.ruleId)).toEqual(['mutable-tag-protected']);
    expect(prod?.existing).toBeUndefined();
  });
});
