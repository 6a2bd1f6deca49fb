import { describe, expect, it } from 'vitest';
import { renderText } from '../../../../core/report/comment/render-text.ts';
import { failingReport, hostileReport, mockReport, quietReport } from './fixtures.ts';

describe('renderText', () => {
  it('prints the verdict, an aligned table, and each changed environment with its diff', () => {
    // Act
    const lines = renderText(mockReport).split('\n');

    // Assert
    expect(lines.slice(0, 7)).toEqual([
      'kubeproof: 2 environments change · valid · 1 policy warning',
      '',
      'environment  added  changed  removed  validation    policy',
      'prod             0        3        0  14 resources  1 warning',
      'staging          1        1        0  15 resources  ok',
      'dev              –        –        –  unchanged     –',
      '',
    ]);
    expect(lines).toContain(
      '  ~ Deployment prod/web: image ghcr.io/acme/web 1.3.0 -> 1.4.2; replicas 2 -> 3',
    );
    expect(lines).toContain('  + HorizontalPodAutoscaler staging/web: added (min 2, max 6, CPU 70%)');
    expect(lines).toContain(
      '  warning deprecated-api on Deployment prod/web (envs/prod/kustomization.yaml:7): production images should be pinned by digest. Fix: use `digest:` in the `images:` entry.',
    );
    expect(lines).toContain('    +        image: ghcr.io/acme/web:1.4.2');
  });

  it('names failures plainly, without markdown or emoji', () => {
    // Act
    const text = renderText(failingReport);

    // Assert
    expect(text).toContain(
      'kubeproof: 1 environment changes · 1 environment not rendered · 1 validation error',
    );
    expect(text).toContain(
      'qa: not rendered\n  error kustomize-build (envs/qa/kustomization.yaml:4): head: accumulating',
    );
    expect(text).toContain('  - Service prod/api-old: removed\n  + ClusterRole api-reader: added');
    expect(text).not.toMatch(/[❌⚠️✅]|<details>|\*\*/u);
  });

  it('ends with the footer and a newline', () => {
    // Act
    const text = renderText(quietReport);

    // Assert
    expect(
      text.endsWith(
        'Rendered 2 environments (kustomize v5.5.0) in 0.1 s · schemas: Kubernetes 1.31.0, strict\n',
      ),
    ).toBe(true);
  });

  it('keeps terminal control sequences from repository text out of the output', () => {
    // Arrange
    const report = structuredClone(hostileReport);
    const [env] = report.environments;
    if (env?.resources[0] !== undefined) {
      env.resources[0].notes = [{ kind: 'field', text: 'red \u001b[31m text' }];
      env.resources[0].unifiedDiff = '# x\n+a: \u001b]0;title\u0007';
    }

    // Act
    const text = renderText(report);

    // Assert
    expect(text).not.toContain('\u001b');
    expect(text).toContain('red  [31m text');
    expect(text).toContain('    +a: \ufffd]0;title\ufffd');
    expect(text).toContain('error schema (apps/`weird`|path.yaml:2): line one </details> # heading');
  });
});
