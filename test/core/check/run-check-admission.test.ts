import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../core/check/run-check.ts';
import { memoryFileSource } from '../../../core/files/file-source.ts';
import { checkConclusion } from '../../../core/report/check-run.ts';
import { renderComment } from '../../../core/report/comment/render-comment.ts';

// The replica limit of the Kubernetes documentation's ValidatingAdmissionPolicy page, without params.
const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replica-limit
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
  validations:
    - expression: object.spec.replicas <= 5
      messageExpression: "'replicas must be at most 5, not ' + string(object.spec.replicas)"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replica-limit
spec:
  policyName: replica-limit
  validationActions: [Deny]
`;

const deployment = (replicas: number, annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${annotations}spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:1.0.0
`;

const CONFIG = `version: 1
environments:
  - {name: prod, path: envs/prod}
policy:
  admissionPolicies: [policies]
  rules:
${[
  'unpinned-digest',
  'missing-requests',
  'missing-memory-limit',
  'missing-probes',
  'privilege-escalation',
  'run-as-root',
  'low-replicas',
]
  .map((id) => `    ${id}: off`)
  .join('\n')}
`;

const repository = (manifest: string) =>
  memoryFileSource({
    '.kubeproof.yaml': CONFIG,
    'policies/replica-limit.yaml': POLICY,
    'envs/prod/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'envs/prod/deployment.yaml': manifest,
  });

const check = (manifest: string) =>
  runCheck(
    { files: repository(manifest) },
    { files: repository(deployment(3)) },
    { kubernetesVersion: '1.31.0', strict: false },
    { now: () => 0 },
  );

describe('the check evaluates the ValidatingAdmissionPolicies policy.admissionPolicies names', () => {
  it('a Deny validation that fails is an error on the resource, and the footer names the policies evaluated', async () => {
    const { report } = await check(deployment(10));
    const findings = report.policy?.flatMap((entry) => entry.findings) ?? [];
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'admission-policy',
        severity: 'error',
        path: 'envs/prod/deployment.yaml',
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      }),
    ]);
    expect(findings[0]?.message).toContain('replicas must be at most 5, not 10');
    expect(checkConclusion(report, 'error')).toBe('failure');
    expect(renderComment(report).join('\n')).toContain(
      'policy: built-in rules and 1 ValidatingAdmissionPolicy',
    );
  });

  it('passes a resource the policy admits', async () => {
    const { report } = await check(deployment(4));
    expect(report.policy?.flatMap((entry) => entry.findings)).toEqual([]);
    expect(checkConclusion(report, 'error')).toBe('success');
  });

  it('a kubeproof.dev/ignore annotation suppresses it like a built-in rule', async () => {
    const { report } = await check(
      deployment(
        10,
        '  annotations:\n    kubeproof.dev/ignore: admission-policy\n    kubeproof.dev/ignore-reason: load test\n',
      ),
    );
    expect(report.policy?.flatMap((entry) => entry.findings)).toEqual([]);
    expect(report.policy?.[0]?.suppressed).toBe(1);
  });
});
