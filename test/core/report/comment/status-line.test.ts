import { describe, expect, it } from 'vitest';
import { buildCheckRun } from '../../../../core/report/check-run.ts';
import { renderComment } from '../../../../core/report/comment/render-comment.ts';
import { renderText } from '../../../../core/report/comment/render-text.ts';
import type { CheckReport } from '../../../../core/report/check-report.ts';
import { check, environment, META, resource } from './fixtures.ts';

const headline = (report: CheckReport): string => renderText(report).split('\n')[0] ?? '';

const renderError = {
  ruleId: 'kustomize-build' as const,
  severity: 'error' as const,
  message: 'head: accumulating resources: envs/qa/missing.yaml: no such file',
  path: 'envs/qa/kustomization.yaml',
  line: 4,
};

describe('the headline says valid only when it is true', () => {
  it('an environment not rendered: no "valid", even with no validation error in the others', () => {
    // Arrange
    const report: CheckReport = {
      environments: [
        environment('prod', [resource('ConfigMap', 'prod', 'a', 'changed', [])]),
        environment('qa', [], 'error', [renderError]),
      ],
      validation: [check('prod', 3)],
      meta: META,
    };

    // Act / Assert
    expect(headline(report)).toBe('kubeproof: 1 environment changes · 1 environment not rendered');
    expect(renderComment(report)[0]).toContain(
      '### kubeproof: 1 environment changes · ❌ 1 environment not rendered\n',
    );
  });

  it('every environment not rendered: says only that', () => {
    const report: CheckReport = {
      environments: [environment('qa', [], 'error', [renderError])],
      validation: [],
      meta: { ...META, compared: false },
    };
    expect(headline(report)).toBe('kubeproof: 1 environment not rendered');
  });

  it('no environment affected: nothing was validated, so no "valid"', () => {
    const report: CheckReport = { environments: [], validation: [], meta: META };
    expect(headline(report)).toBe('kubeproof: no environment affected');
  });

  it('everything rendered and validated: valid', () => {
    const report: CheckReport = {
      environments: [environment('prod', [])],
      validation: [check('prod', 3)],
      meta: META,
    };
    expect(headline(report)).toBe('kubeproof: no environment changes · valid');
  });
});

describe('no environment found', () => {
  const report: CheckReport = {
    environments: [],
    validation: [],
    noEnvironment: 'no environment found in deploy: kubeproof looked in .kubeproof.yaml',
    meta: { ...META, compared: false },
  };

  it('the headline and the table say so, never valid', () => {
    const text = renderText(report);
    expect(text.split('\n').slice(0, 3)).toEqual([
      'kubeproof: no environment found',
      '',
      'No environment found in deploy: kubeproof looked in .kubeproof.yaml.',
    ]);
    const comment = renderComment(report)[0] ?? '';
    expect(comment).toContain('### kubeproof: ❌ no environment found\n');
    expect(comment).toContain('No environment found in deploy: kubeproof looked in .kubeproof.yaml.');
    expect(comment).not.toMatch(/valid/);
  });

  it('the check run fails (neutral with fail-on never), never success', () => {
    expect(buildCheckRun(report, { name: 'kubeproof', failOn: 'error' }).conclusion).toBe('failure');
    expect(buildCheckRun(report, { name: 'kubeproof', failOn: 'never' }).conclusion).toBe('neutral');
  });
});

describe('without a base', () => {
  const report: CheckReport = {
    environments: [
      environment('dev', [
        resource('Deployment', 'dev', 'web', 'added', [{ kind: 'image', text: 'image web:1.2' }]),
        resource('Service', 'dev', 'web', 'added', []),
      ]),
    ],
    validation: [check('dev', 2)],
    meta: { ...META, compared: false },
  };
  // environment() counts 12 unchanged resources besides the listed ones.
  const held = 14;

  it('says what each environment holds and that it is valid, not what changes', () => {
    const text = renderText(report);
    expect(text.split('\n').slice(0, 4)).toEqual([
      `kubeproof: 1 environment rendered, ${held} resources, no base to compare · valid`,
      '',
      'environment  resources  validation',
      `dev                 ${held}  valid`,
    ]);
    expect(text).toContain(
      `dev: ${held} resources\n    Deployment dev/web: image web:1.2\n    Service dev/web\n`,
    );
    expect(text).not.toMatch(/added|change/);
  });

  it('the comment counts the resources each environment holds and says no "added"', () => {
    const comment = renderComment(report)[0] ?? '';
    expect(comment).toContain(
      `### kubeproof: 1 environment rendered, ${held} resources, no base to compare · ✅ valid`,
    );
    expect(comment).toContain(`#### dev: ${held} resources · ✅ valid\n`);
    expect(comment).toContain('- `Deployment dev/web`: image web:1.2\n- `Service dev/web`');
    expect(comment).not.toMatch(/added|change/);
  });
});
