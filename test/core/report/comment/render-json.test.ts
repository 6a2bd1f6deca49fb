import { describe, expect, it } from 'vitest';
import { renderJson } from '../../../../core/report/comment/render-json.ts';
import type { CheckReport } from '../../../../core/report/check-report.ts';
import { failingReport, mockReport } from './fixtures.ts';

/** The same report with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

describe('renderJson', () => {
  it('prints the verdict numbers, every environment with its checks, and the meta', () => {
    // Act
    const json = JSON.parse(renderJson(mockReport)) as Record<string, unknown>;

    // Assert
    expect(Object.keys(json)).toEqual(['version', 'summary', 'environments', 'meta']);
    expect(json['summary']).toEqual({
      environments: 3,
      changed: 2,
      notRendered: 0,
      validationErrors: 0,
      validationWarnings: 0,
      notValidated: 0,
      missingSchemas: [],
      policy: { errors: 0, warnings: 1 },
      compared: true,
      noEnvironment: null,
    });
    expect((json['environments'] as { environment: string }[]).map((env) => env.environment)).toEqual([
      'prod',
      'staging',
      'dev',
    ]);
  });

  it('prints a resource with all its fields, absent ones as null', () => {
    // Act
    const json = JSON.parse(renderJson(failingReport)) as { environments: { resources: unknown[] }[] };

    // Assert
    expect(json.environments[0]?.resources[2]).toEqual({
      resource: { apiVersion: 'v1', kind: 'ClusterRole', namespace: null, name: 'api-reader' },
      change: 'added',
      origin: { path: 'envs/cluster/kustomization.yaml', line: 1 },
      notes: [],
      renamed: null,
      unifiedDiff: '# ClusterRole api-reader\n+apiVersion: rbac.authorization.k8s.io/v1',
    });
  });

  it('is stable: the same bytes whatever the key order of the input, ending with a newline', () => {
    // Act
    const first = renderJson(mockReport);
    const second = renderJson(reversedKeys<CheckReport>(mockReport));

    // Assert
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
  });
});
