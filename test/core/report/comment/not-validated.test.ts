import { describe, expect, it } from 'vitest';
import { checkConclusion } from '../../../../core/report/check-run.ts';
import { renderComment } from '../../../../core/report/comment/render-comment.ts';
import { renderText } from '../../../../core/report/comment/render-text.ts';
import { schemaText } from '../../../../core/report/comment/schema-text.ts';
import type { CheckReport, EnvironmentCheck } from '../../../../core/report/check-report.ts';
import type { Finding } from '../../../../core/findings.ts';
import type { SchemaUse } from '../../../../core/validate/result.ts';
import { META, environment, resource } from './fixtures.ts';

const ONLINE: SchemaUse = {
  source: 'yannh/kubernetes-json-schema',
  kubernetesVersion: '1.31.0',
  strict: true,
  origin: 'location',
};
const OFFLINE: SchemaUse = {
  source: 'kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict)',
  kubernetesVersion: '1.27',
  strict: false,
  origin: 'offline',
};

const notValidated = (name: string): Finding => ({
  ruleId: 'not-validated',
  severity: 'error',
  message: 'not validated: no schema location could be reached; ...',
  path: `envs/prod/${name}.yaml`,
  line: 1,
});
const missing: Finding = {
  ruleId: 'missing-schema',
  severity: 'warning',
  message: 'could not find schema for Widget',
  path: 'envs/dev/widget.yaml',
  line: 1,
};

function validation(
  name: string,
  findings: Finding[],
  schemas: SchemaUse[],
  notValidatedCount = findings.length,
): EnvironmentCheck {
  return {
    environment: name,
    resources: 3,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
    notValidated: notValidatedCount,
    schemas,
  };
}

function report(checks: EnvironmentCheck[], crdsFromRepo = false): CheckReport {
  const schemas = [...new Map(checks.flatMap((c) => c.schemas ?? []).map((u) => [u.source, u])).values()];
  return {
    environments: checks.map((c) =>
      environment(c.environment, [resource('ConfigMap', c.environment, 'app', 'changed', [])]),
    ),
    validation: checks,
    meta: { ...META, crdsFromRepo, schemas },
  };
}

describe('a resource that was not validated is never "valid"', () => {
  const unvalidated = report([validation('prod', [notValidated('a'), notValidated('b')], [OFFLINE])]);

  it('the headline and the entry say "not validated", not "valid" nor "validation errors"', () => {
    const [body] = renderComment(unvalidated);
    expect(body).toContain('### kubeproof: 1 environment changes · ❌ 2 resources not validated');
    expect(body).toMatch(/\n#### prod: [^\n]* · ❌ 2 resources not validated\n/);
    expect(body).not.toMatch(/✅ valid|validation error/);
    expect(renderText(unvalidated)).toMatch(
      /^kubeproof: 1 environment changes · 2 resources not validated\n/,
    );
  });

  it('the check run fails, and with fail-on never it is neutral, not success', () => {
    expect(checkConclusion(unvalidated, 'error')).toBe('failure');
    expect(checkConclusion(unvalidated, 'never')).toBe('neutral');
  });

  it('a kind without a schema is a warning, and still not "valid": the run is neutral', () => {
    const partly = report([validation('dev', [missing], [ONLINE])]);
    const [body] = renderComment(partly);
    expect(body).toContain('⚠️ 1 resource not validated');
    expect(body).not.toContain('✅ valid');
    expect(checkConclusion(partly, 'error')).toBe('neutral');
  });

  it('says "valid" when every resource was validated', () => {
    const good = report([validation('dev', [], [ONLINE])]);
    expect(renderComment(good)[0]).toContain('✅ valid');
    expect(checkConclusion(good, 'error')).toBe('success');
  });
});

describe('the footer names the schemas used', () => {
  it('the source, version and strictness, once when every environment used the same', () => {
    const same = report([validation('dev', [], [ONLINE]), validation('prod', [], [ONLINE])]);
    expect(schemaText(same)).toBe('yannh/kubernetes-json-schema (Kubernetes 1.31.0, strict)');
    expect(renderComment(same).at(-1)).toContain(
      'schemas: yannh/kubernetes-json-schema (Kubernetes 1.31.0, strict)',
    );
  });

  it('per environment where they differ', () => {
    const mixed = report([validation('dev', [], [ONLINE]), validation('prod', [], [OFFLINE])]);
    expect(schemaText(mixed)).toBe(
      'dev: yannh/kubernetes-json-schema (Kubernetes 1.31.0, strict); prod: kubernetes-models 4.5.1 (Kubernetes 1.27.1, built-in kinds only, not strict)',
    );
  });

  it('"CRDs from the repository" only when it has CRDs', () => {
    const without = report([validation('dev', [], [ONLINE])], false);
    const withCrds = report([validation('dev', [], [ONLINE])], true);
    expect(renderComment(without).at(-1)).not.toContain('CRDs from the repository');
    expect(renderText(without)).not.toContain('CRDs from the repository');
    expect(renderComment(withCrds).at(-1)).toContain('CRDs from the repository');
  });
});
