import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/findings.ts';
import type { CheckReport } from '../../../core/report/check-report.ts';
import { SARIF_SCHEMA } from '../../../core/report/sarif-log.ts';
import { RULES } from '../../../core/rules/rule-catalog.ts';
import { sarifCheck } from '../../../core/report/sarif-check.ts';
import { check, environment, failingReport, META, quietReport } from './comment/fixtures.ts';

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        rules: {
          id: string;
          name: string;
          shortDescription: { text: string };
          help: { text: string };
          helpUri?: string;
          defaultConfiguration: { level: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region?: { startLine: number; startColumn?: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      properties?: Record<string, unknown>;
    }[];
  }[];
}

function sarif(report: CheckReport, options: Partial<Parameters<typeof sarifCheck>[1]> = {}): SarifLog {
  return JSON.parse(sarifCheck(report, { version: '0.1.0', ...options })) as SarifLog;
}

function firstRun(log: SarifLog): SarifLog['runs'][number] {
  const [run] = log.runs;
  if (run === undefined) throw new Error('no run');
  return run;
}

describe('sarifCheck', () => {
  it('writes SARIF 2.1.0 with one run, the rules used and a result per finding', () => {
    // Act
    const log = sarif(failingReport);

    // Assert
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = firstRun(log);
    expect(run.tool.driver.name).toBe('kubeproof');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.rules).toEqual([
      {
        id: 'schema',
        name: 'Schema',
        shortDescription: { text: 'The resource does not match its JSON Schema.' },
        help: { text: RULES.schema.help },
        defaultConfiguration: { level: 'error' },
      },
      {
        id: 'deprecated-api',
        name: 'DeprecatedApi',
        shortDescription: { text: 'The apiVersion is deprecated in the target Kubernetes version.' },
        help: { text: RULES['deprecated-api'].help },
        helpUri: 'https://github.com/kubeproof/kubeproof#beyond-kubeconform',
        defaultConfiguration: { level: 'warning' },
      },
      {
        id: 'kustomize-build',
        name: 'KustomizeBuild',
        shortDescription: { text: 'The kustomization does not build.' },
        help: { text: RULES['kustomize-build'].help },
        defaultConfiguration: { level: 'error' },
      },
    ]);
    expect(run.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['schema', 0, 'error'],
      ['deprecated-api', 1, 'warning'],
      ['kustomize-build', 2, 'error'],
    ]);
    expect(run.results[0]?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'apps/api/base/deployment.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 23, startColumn: 9 },
        },
      },
    ]);
    expect(run.results[0]?.properties).toEqual({
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'prod' },
      environments: ['prod'],
    });
  });

  it('writes an empty result list for a clean report', () => {
    const run = firstRun(sarif(quietReport));

    expect(run.results).toEqual([]);
    expect(run.tool.driver.rules).toEqual([]);
  });

  it('makes paths relative to the repository root and reports shared findings once', () => {
    // Arrange
    const finding: Finding = {
      ruleId: 'schema',
      severity: 'error',
      message: 'spec.replicas: expected integer',
      path: 'apps/web base/deployment.yaml',
      line: 7,
    };
    const report: CheckReport = {
      environments: [environment('dev', []), environment('prod', [])],
      validation: [
        check('dev', 1, [finding]),
        check('prod', 1, [
          finding,
          {
            ruleId: finding.ruleId,
            severity: finding.severity,
            message: finding.message,
            path: finding.path,
          },
        ]),
      ],
      meta: META,
    };

    // Act
    const run = firstRun(sarif(report, { pathPrefix: 'clusters' }));

    // Assert
    expect(run.results).toHaveLength(2);
    expect(run.results[0]?.properties).toEqual({ environments: ['dev', 'prod'] });
    expect(run.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'clusters/apps/web%20base/deployment.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7 },
    });
    // Without a line: the file only, no region.
    expect(run.results[1]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'clusters/apps/web%20base/deployment.yaml', uriBaseId: '%SRCROOT%' },
    });
    const fingerprints = run.results.map((r) => Object.values(r.partialFingerprints)[0]);
    expect(new Set(fingerprints).size).toBe(2);
  });

  it('includes repository findings outside the environments', () => {
    const config: Finding = {
      ruleId: 'config',
      severity: 'error',
      message: 'bad',
      path: '.kubeproof.yaml',
      line: 1,
    };

    const run = firstRun(sarif(quietReport, { findings: [config] }));

    expect(run.results.map((r) => [r.ruleId, r.message.text, r.properties])).toEqual([
      ['config', 'bad', undefined],
    ]);
  });

  it('describes a rule that is not a validation rule from the rule catalog, not generically', () => {
    const discovery: Finding = {
      ruleId: 'environments',
      severity: 'notice',
      message: 'x',
      path: 'a.yaml',
      line: 1,
    };

    const run = firstRun(sarif(quietReport, { findings: [discovery] }));

    expect(run.tool.driver.rules).toEqual([
      {
        id: 'environments',
        name: 'Environments',
        shortDescription: { text: RULES.environments.description },
        help: { text: RULES.environments.help },
        helpUri: 'https://github.com/kubeproof/kubeproof#how-environments-are-found',
        defaultConfiguration: { level: 'warning' },
      },
    ]);
    expect(run.results[0]?.level).toBe('note');
  });
});
