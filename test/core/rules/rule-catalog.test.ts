import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/findings.ts';
import { buildKustomization } from '../../../core/render/kustomize/build-kustomization.ts';
import { treeFileSource } from '../../../core/files/tree-file-source.ts';
import { checkAnnotations } from '../../../core/report/check-run.ts';
import type { CheckReport } from '../../../core/report/check-report.ts';
import { sarifCheck } from '../../../core/report/sarif-check.ts';
import { catalogRules, RULE_TABLES, RULES, type RuleId } from '../../../core/rules/rule-catalog.ts';
import { check, environment, META } from '../report/comment/fixtures.ts';

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
}

const LEVEL = { error: 'error', warning: 'warning', notice: 'note' } as const;

/** What SARIF must say about a rule: everything from the catalog. */
function expectedSarifRule(id: RuleId): Partial<SarifRule> {
  const entry = RULES[id];
  return {
    id,
    shortDescription: { text: entry.description },
    help: { text: entry.help },
    ...('readme' in entry ? { helpUri: `https://github.com/kubeproof/kubeproof#${entry.readme}` } : {}),
    defaultConfiguration: { level: LEVEL[entry.defaultSeverity] },
  };
}

function sarifRules(report: CheckReport, findings: readonly Finding[] = []): SarifRule[] {
  const log = JSON.parse(sarifCheck(report, { version: '0.1.0', findings })) as {
    runs: { tool: { driver: { rules: SarifRule[] } } }[];
  };
  return log.runs[0]?.tool.driver.rules ?? [];
}

function finding(ruleId: RuleId, line = 1): Finding {
  return {
    ruleId,
    severity: RULES[ruleId].defaultSeverity,
    message: `a ${ruleId} finding`,
    path: 'a.yaml',
    line,
  };
}

const files = (entries: Record<string, string>): ReturnType<typeof treeFileSource> =>
  treeFileSource({
    files: new Map(Object.entries(entries).map(([path, text]) => [path, new TextEncoder().encode(text)])),
    links: new Map(),
  });

describe('the rule catalog', () => {
  it.each(catalogRules().map((rule) => [rule.id, rule] as const))('describes %s fully', (id, rule) => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(['error', 'warning', 'notice']).toContain(rule.defaultSeverity);
    expect(['config', 'render', 'validate', 'diff', 'policy']).toContain(rule.group);
    // One line, one sentence: a description reads as the title of an annotation.
    expect(rule.description).toMatch(/^[^\n]{10,100}\.$/);
    expect(rule.description.slice(0, -1)).not.toMatch(/\.\s/);
    // What to do: one or two sentences, one line.
    expect(rule.help).toMatch(/^[^\n]{10,220}[.)]$/);
    expect(rule.help.split(/[.:;]\s+[A-Z]/).length).toBeLessThanOrEqual(2);
    if (rule.readme !== undefined) expect(rule.readme).toMatch(/^[a-z0-9-]+$/);
  });

  it('holds each rule in one group table only, so spreading the tables loses none', () => {
    const ids = RULE_TABLES.flatMap((table) => Object.keys(table));

    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(RULES).sort()).toEqual([...ids].sort());
    for (const table of RULE_TABLES)
      for (const [id, entry] of Object.entries(table)) expect(RULES[id as RuleId]).toBe(entry);
  });
});

describe('outputs read the rule catalog', () => {
  it('declares every rule in SARIF from the catalog, for every rule a finding can name', () => {
    const ids = Object.keys(RULES) as RuleId[];
    const findings = ids.map((id, index) => finding(id, index + 1));

    const rules = sarifRules({ environments: [], validation: [], meta: META }, findings);

    expect(rules.map((rule) => rule.id)).toEqual(ids);
    for (const rule of rules) {
      expect(rule).toMatchObject(expectedSarifRule(rule.id as RuleId));
      expect(rule.shortDescription.text).not.toMatch(/^kubeproof (validate )?rule /);
    }
  });

  it('describes the findings of a real kustomize build from the catalog, not generically', async () => {
    // Arrange: a kustomization with an unknown field, one with a remote resource, one that builds nothing.
    const tree = files({
      'bad/kustomization.yaml': 'resources: []\nresourcs: [a.yaml]\n',
      'remote/kustomization.yaml': 'resources:\n  - https://example.com/app.yaml\n',
      'missing/kustomization.yaml': 'resources:\n  - app.yaml\n',
    });
    const builds = await Promise.all(
      ['bad', 'remote', 'missing'].map((dir) => buildKustomization(tree, dir)),
    );
    const report: CheckReport = {
      environments: [],
      validation: [
        check(
          'prod',
          0,
          builds.flatMap((build) => build.findings),
        ),
      ],
      meta: META,
    };

    // Act
    const rules = sarifRules(report);

    // Assert
    expect(rules.map((rule) => rule.id)).toEqual(['kustomization', 'kustomize-remote', 'kustomize-build']);
    expect(rules[0]).toEqual({
      id: 'kustomization',
      name: 'Kustomization',
      shortDescription: { text: 'The kustomization file is not one kustomize accepts.' },
      help: { text: RULES.kustomization.help },
      defaultConfiguration: { level: 'error' },
    });
    expect(rules[1]?.helpUri).toBe('https://github.com/kubeproof/kubeproof#what-it-refuses-and-says-so');
    for (const rule of rules) expect(rule).toMatchObject(expectedSarifRule(rule.id as RuleId));
  });

  it("titles check-run annotations with the rule id and the catalog's description", () => {
    const report: CheckReport = {
      environments: [environment('prod', [], 'error', [finding('renderer-missing', 3)])],
      validation: [check('prod', 1, [finding('schema', 7)])],
      meta: META,
    };

    const titles = checkAnnotations(report).map((annotation) => annotation.title);

    expect(titles).toEqual([
      `renderer-missing: ${RULES['renderer-missing'].description}`,
      'schema: The resource does not match its JSON Schema.',
    ]);
  });
});
