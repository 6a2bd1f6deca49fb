import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../../core/report/comment/escape-markdown.ts';
import { GITHUB_COMMENT_LIMIT, renderComment } from '../../../../core/report/comment/render-comment.ts';
import type { CheckReport } from '../../../../core/report/check-report.ts';
import {
  META,
  bigReport,
  check,
  environment,
  failingReport,
  hostileReport,
  mockReport,
  quietReport,
  resource,
} from './fixtures.ts';
import { detailsBalanced, fencesBalanced, foreignHtml } from './markdown-checks.ts';

function expectWellFormed(bodies: string[], maxLength: number): void {
  for (const body of bodies) {
    expect(body.length).toBeLessThanOrEqual(maxLength);
    expect(fencesBalanced(body)).toBe(true);
    expect(detailsBalanced(body)).toBe(true);
    expect(foreignHtml(body)).toEqual([]);
  }
}

describe('renderComment snapshots', () => {
  it.each([
    ['the mock: changes in two environments, a policy warning', 'mock', mockReport],
    ['validation errors and an environment that did not render', 'failing', failingReport],
    ['nothing changes', 'quiet', quietReport],
    ['names and notes that try to break the markdown', 'hostile', hostileReport],
  ])('renders %s', async (_, file, report) => {
    // Act
    const bodies = renderComment(report);

    // Assert
    expect(bodies).toHaveLength(1);
    expectWellFormed(bodies, GITHUB_COMMENT_LIMIT);
    await expect(bodies[0]).toMatchFileSnapshot(`__snapshots__/${file}.md`);
  });
});

describe('renderComment structure', () => {
  it('starts with the hidden marker, then the status line and the findings', () => {
    // Act
    const [body] = renderComment(mockReport, { marker: 'diff-prod' });

    // Assert
    expect(body?.split('\n').slice(0, 4)).toEqual([
      '<!-- kubeproof:diff-prod -->',
      '### kubeproof: 2 environments change · ✅ valid · ⚠️ 1 policy warning',
      '',
      '#### 1 warning',
    ]);
  });

  it('keeps repository text inert: no HTML, no broken fence, no broken details', () => {
    // Act
    const [body = ''] = renderComment(hostileReport);

    // Assert
    expect(foreignHtml(body)).toEqual([]);
    expect(body).toContain('``Deployment ns|1/we`b</details><img src=x onerror=alert(1)>``');
    expect(body).toContain('#### pr\\<b\\>od\\</b\\> \\| \\`x\\`: 1 changed');
    expect(body).toContain('`````diff\n');
    expect(body).toContain('[job summary](https://example.com/a%20%28b%29%3Cc%3E)');
  });

  it('does not link a report URL that is not http(s)', () => {
    // Act
    const [body = ''] = renderComment({
      ...quietReport,
      meta: { ...META, fullReportUrl: 'javascript:alert(1)' },
    });

    // Assert
    expect(body).not.toContain('javascript:');
  });

  it('is a pure function of its input', () => {
    // Assert
    expect(renderComment(mockReport)).toEqual(renderComment(structuredClone(mockReport)));
  });

  it.each([
    [{ maxLength: 1_999 }, /maxLength must be an integer from 2000 to 65536/],
    [{ maxLength: 65_537 }, /maxLength/],
    [{ maxLength: 3000.5 }, /maxLength/],
    [{ marker: 'x -->' }, /marker/],
    [{ marker: 'a--b' }, /marker/],
  ])('rejects the options %j', (options, message) => {
    // Assert
    expect(() => renderComment(quietReport, options)).toThrow(message);
  });
});

/** One environment of `count` changed Deployments with `notes` notes of 40 characters and diffs of `lines` lines. */
function sized(count: number, notes: number, lines: number): CheckReport {
  const resources = Array.from({ length: count }, (_, r) =>
    resource(
      'Deployment',
      'prod',
      `app-${String(r).padStart(2, '0')}`,
      'changed',
      Array.from({ length: notes }, (_, n) => ({
        kind: 'field',
        text: `field-${n} ${'x'.repeat(20)} -> ${'y'.repeat(8)}`,
      })),
      Array.from({ length: lines }, (_, i) => `+  key${i}: ${'v'.repeat(30)}`),
    ),
  );
  return { environments: [environment('prod', resources)], validation: [check('prod', count)], meta: META };
}

describe('renderComment degrades step by step under a 4,000-character limit', () => {
  const maxLength = 4_000;

  it('1. shows everything when it fits', () => {
    // Act
    const bodies = renderComment(sized(3, 1, 5), { maxLength });

    // Assert
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('```diff');
    expect(bodies[0]).not.toContain('[!NOTE]');
  });

  it('2. leaves the diffs out and keeps the change notes', () => {
    // Act
    const bodies = renderComment(sized(10, 1, 20), { maxLength });

    // Assert
    expectWellFormed(bodies, maxLength);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain('```');
    expect(bodies[0]).toContain('- `Deployment prod/app-09`: field-0 xxxxxxxxxxxxxxxxxxxx → yyyyyyyy');
    expect(bodies[0]).toContain(
      '> [!NOTE]\n> Diffs of 10 resources are left out: a comment holds at most 4,000 characters. Full output: [job summary](https://github.com/acme/gitops/actions/runs/123456789), artifact `kubeproof-report`.',
    );
  });

  it('3. lists each resource with its change kind only', () => {
    // Act
    const bodies = renderComment(sized(30, 3, 2), { maxLength });

    // Assert
    expectWellFormed(bodies, maxLength);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('- `Deployment prod/app-29`: changed\n');
    expect(bodies[0]).not.toContain('field-0');
    expect(bodies[0]).toContain(
      '> Diffs of 30 resources and 90 change notes are left out, each resource shows its change kind only: a comment holds at most 4,000 characters.',
    );
  });

  it('4. splits into numbered continuation bodies between blocks and between lines, never inside', () => {
    // Act
    const bodies = renderComment(bigReport(3, 120, 3), { maxLength });

    // Assert
    expectWellFormed(bodies, maxLength);
    expect(bodies.length).toBeGreaterThan(2);
    expect(bodies[0]).toMatch(/^<!-- kubeproof:report -->\n### kubeproof: 3 environments change/);
    expect(bodies[0]).toContain(`The report continues in ${bodies.length - 1} more comments below.`);
    bodies.slice(1).forEach((body, index) => {
      expect(
        body.startsWith(
          `<!-- kubeproof:report:${index + 2} -->\n### kubeproof (continued, ${index + 2} of ${bodies.length})`,
        ),
      ).toBe(true);
    });
    const all = bodies.join('\n');
    for (let e = 0; e < 3; e += 1) {
      for (let r = 0; r < 120; r += 1) {
        const line = `- \`Deployment env-0${e}/app-${String(r).padStart(3, '0')}\`: changed`;
        expect(all.split(line)).toHaveLength(2);
      }
    }
    expect(all).toMatch(/\n#### env-00: 120 changed · \+120 −240 · ✅ valid \(continued\)\n/);
    expect(bodies.at(-1)).toMatch(/\n---\n<sub>Rendered 3 environments .*<\/sub>$/);
  });

  it('5. shortens a line too long for any body, and says so', () => {
    // Arrange
    const report: CheckReport = {
      ...sized(1, 0, 0),
      validation: [
        check('prod', 1, [
          {
            ruleId: 'schema',
            severity: 'error',
            message: `too long: ${'&'.repeat(5_000)}`,
            path: 'a.yaml',
            line: 3,
          },
        ]),
      ],
    };

    // Act
    const bodies = renderComment(report, { maxLength });

    // Assert
    expectWellFormed(bodies, maxLength);
    expect(bodies[0]).toContain('1 entry shortened (marked …).');
    expect(bodies.join('\n')).toContain('- ❌ `schema` at `a.yaml:3` in prod: too long: \\&\\&');
    expect(bodies.join('\n')).toContain('\\&…');
  });

  it('keeps the status line and the first entry in body 1, and names every unchanged environment', () => {
    // Arrange
    const names = Array.from({ length: 84 }, (_, i) => `environment-${i}`);
    const report: CheckReport = { ...bigReport(1, 80, 1), meta: META };
    for (const name of names) report.environments.push(environment(name, []));

    // Act
    const bodies = renderComment(report, { maxLength });

    // Assert
    expectWellFormed(bodies, maxLength);
    expect(bodies[0]).toContain('#### env-00: 80 changed');
    const all = bodies.join('\n');
    expect(all).toContain('84 unchanged:');
    for (const name of names) expect(all).toMatch(new RegExp(`(^|[ ,])${name}(,|\n|$)`, 'm'));
  });

  it('splits a long list of unchanged environments between lines, naming every one', () => {
    // Arrange
    const names = Array.from({ length: 300 }, (_, i) => `environment-number-${i}`);
    const report: CheckReport = {
      environments: names.map((name) => environment(name, [])),
      validation: [],
      meta: META,
    };

    // Act
    const bodies = renderComment(report, { maxLength });

    // Assert
    expectWellFormed(bodies, maxLength);
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies[0]).toContain('300 unchanged:');
    expect(bodies[1]).toContain('300 unchanged (continued):');
    for (const name of names) expect(bodies.join('\n')).toContain(escapeMarkdown(name));
  });
});
