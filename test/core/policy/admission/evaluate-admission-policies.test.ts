import { describe, expect, it } from 'vitest';
import { evaluateAdmissionPolicies } from '../../../../core/policy/admission/evaluate-admission-policies.ts';
import { docs, rendered } from './admission-fixtures.ts';

// The examples of https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/

const DEMO_POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= 5"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "demo-binding-test.example.com"
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`;

const NAMESPACES = `apiVersion: v1
kind: Namespace
metadata:
  name: test
  labels:
    environment: test
---
apiVersion: v1
kind: Namespace
metadata:
  name: prod
  labels:
    environment: prod
`;

function deployment(namespace: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
${extra}spec:
  replicas: ${replicas}
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/web:1.0
`;
}

function run(policies: string, head: string, base?: string) {
  return evaluateAdmissionPolicies({
    environment: 'staging',
    head: rendered('envs/staging/deploy.yaml', head),
    ...(base === undefined ? {} : { base: rendered('envs/staging/deploy.yaml', base) }),
    documents: docs('policies/vap.yaml', policies),
  });
}

const webRef = (namespace: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace });

describe('evaluateAdmissionPolicies: the documentation examples', () => {
  it('denies a Deployment over the replica limit in a namespace the binding selects', () => {
    expect(run(DEMO_POLICY, `${NAMESPACES}---\n${deployment('test', 6)}`)).toEqual([
      {
        ruleId: 'admission-policy',
        severity: 'error',
        message:
          "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' would deny Deployment test/web: failed expression: object.spec.replicas <= 5",
        path: 'envs/staging/deploy.yaml',
        line: 15,
        resource: webRef('test'),
      },
    ]);
  });

  it.each([
    ['within the limit', `${NAMESPACES}---\n${deployment('test', 5)}`],
    ['in a namespace the binding does not select', `${NAMESPACES}---\n${deployment('prod', 6)}`],
    [
      'in a namespace the environment does not hold (only kubernetes.io/metadata.name is known)',
      deployment('test', 6),
    ],
  ])('passes a Deployment %s', (_, head) => {
    expect(run(DEMO_POLICY, head)).toEqual([]);
  });

  const PARAMS_POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "replicalimit-policy.example.com"
spec:
  failurePolicy: Fail
  paramKind:
    apiVersion: rules.example.com/v1
    kind: ReplicaLimit
  matchConstraints:
    resourceRules:
    - apiGroups:   ["apps"]
      apiVersions: ["v1"]
      operations:  ["CREATE", "UPDATE"]
      resources:   ["deployments"]
  validations:
    - expression: "object.spec.replicas <= params.maxReplicas"
      messageExpression: "'object.spec.replicas must be no greater than ' + string(params.maxReplicas)"
      reason: Invalid
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: "replicalimit-binding-test.example.com"
spec:
  policyName: "replicalimit-policy.example.com"
  validationActions: [Deny]
  paramRef:
    name: "replica-limit-test.example.com"
    namespace: "default"
    parameterNotFoundAction: Deny
  matchResources:
    namespaceSelector:
      matchLabels:
        environment: test
`;
  const PARAM = `apiVersion: rules.example.com/v1
kind: ReplicaLimit
metadata:
  name: "replica-limit-test.example.com"
  namespace: "default"
maxReplicas: 3
`;

  it('reads params through paramKind and paramRef, with the messageExpression', () => {
    const findings = run(`${PARAMS_POLICY}---\n${PARAM}`, `${NAMESPACES}---\n${deployment('test', 4)}`);
    expect(findings).toEqual([
      {
        ruleId: 'admission-policy',
        severity: 'error',
        message:
          "ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' would deny Deployment test/web: object.spec.replicas must be no greater than 3 (reason: Invalid)",
        path: 'envs/staging/deploy.yaml',
        line: 15,
        resource: webRef('test'),
      },
    ]);
    expect(run(`${PARAMS_POLICY}---\n${PARAM}`, `${NAMESPACES}---\n${deployment('test', 3)}`)).toEqual([]);
  });

  it('finds params in the rendered environment too', () => {
    expect(run(PARAMS_POLICY, `${NAMESPACES}---\n${PARAM}---\n${deployment('test', 4)}`)).toHaveLength(1);
  });

  it.each([
    ['Deny', 'Fail', 'error', 'failurePolicy Fail rejects the request'],
    ['Deny', 'Ignore', 'notice', 'failurePolicy Ignore lets the request through'],
  ])(
    'missing params with parameterNotFoundAction %s and failurePolicy %s: %s',
    (action, failurePolicy, severity, outcome) => {
      const policy = PARAMS_POLICY.replace('failurePolicy: Fail', `failurePolicy: ${failurePolicy}`).replace(
        'parameterNotFoundAction: Deny',
        `parameterNotFoundAction: ${action}`,
      );
      expect(run(policy, `${NAMESPACES}---\n${deployment('test', 4)}`)).toEqual([
        {
          ruleId: 'admission-policy-error',
          severity,
          message: `ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com': no params found for Deployment test/web (ReplicaLimit 'replica-limit-test.example.com' in namespace default; parameterNotFoundAction Deny); ${outcome}`,
          path: 'envs/staging/deploy.yaml',
          line: 15,
          resource: webRef('test'),
        },
      ]);
    },
  );

  it('passes when params are missing and parameterNotFoundAction is Allow', () => {
    const policy = PARAMS_POLICY.replace('parameterNotFoundAction: Deny', 'parameterNotFoundAction: Allow');
    expect(run(policy, `${NAMESPACES}---\n${deployment('test', 4)}`)).toEqual([]);
  });

  it('selects params by label and evaluates each', () => {
    const policy = PARAMS_POLICY.replace(
      'name: "replica-limit-test.example.com"\n    namespace: "default"',
      'selector:\n      matchLabels:\n        tier: limits',
    );
    const params = ['2', '9']
      .map(
        (max) =>
          `apiVersion: rules.example.com/v1\nkind: ReplicaLimit\nmetadata:\n  name: limit-${max}\n  labels:\n    tier: limits\nmaxReplicas: ${max}\n`,
      )
      .join('---\n');
    const findings = run(`${policy}---\n${params}`, `${NAMESPACES}---\n${deployment('test', 4)}`);
    expect(findings.map((finding) => finding.message)).toEqual([
      "ValidatingAdmissionPolicy 'replicalimit-policy.example.com' with binding 'replicalimit-binding-test.example.com' would deny Deployment test/web (params ReplicaLimit 'limit-2'): object.spec.replicas must be no greater than 2 (reason: Invalid)",
    ]);
  });

  const MATCH_CONDITIONS = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: "demo-policy.example.com"
spec:
  matchConstraints:
    resourceRules:
      - apiGroups:   ["*"]
        apiVersions: ["*"]
        operations:  ["CREATE", "UPDATE"]
        resources:   ["*"]
  matchConditions:
    - name: 'exclude-leases'
      expression: '!(request.resource.group == "coordination.k8s.io" && request.resource.resource == "leases")'
    - name: 'exclude-kubelet-requests'
      expression: '!("system:nodes" in request.userInfo.groups)'
    - name: 'rbac'
      expression: 'request.resource.group != "rbac.authorization.k8s.io"'
  validations:
    - expression: "!object.metadata.name.contains('demo') || object.metadata.namespace == 'demo'"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: demo-binding
spec:
  policyName: "demo-policy.example.com"
  validationActions: [Warn]
`;

  it('applies matchConditions: a false condition leaves the resource out', () => {
    const head = `apiVersion: v1
kind: ConfigMap
metadata:
  name: demo-settings
  namespace: apps
---
apiVersion: coordination.k8s.io/v1
kind: Lease
metadata:
  name: demo-lease
  namespace: apps
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: demo-role
  namespace: apps
`;
    expect(run(MATCH_CONDITIONS, head)).toEqual([
      {
        ruleId: 'admission-policy',
        severity: 'warning',
        message:
          "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding' would warn on ConfigMap apps/demo-settings: failed expression: !object.metadata.name.contains('demo') || object.metadata.namespace == 'demo'",
        path: 'envs/staging/deploy.yaml',
        line: 1,
        resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'demo-settings', namespace: 'apps' },
      },
    ]);
  });

  it('composes variables, and a label requirement with a messageExpression', () => {
    const policy = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: image-matches-namespace-environment.policy.example.com
spec:
  matchConstraints:
    resourceRules:
      - apiGroups: ["apps"]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["deployments"]
  variables:
    - name: environment
      expression: "'environment' in namespaceObject.metadata.labels ? namespaceObject.metadata.labels['environment'] : 'prod'"
    - name: exempt
      expression: "has(object.metadata.labels) && 'exempt' in object.metadata.labels && object.metadata.labels['exempt'] == 'true'"
    - name: containers
      expression: "object.spec.template.spec.containers"
    - name: containersToCheck
      expression: "variables.containers.filter(c, c.image.contains('example.com/'))"
  validations:
    - expression: "variables.exempt || variables.containersToCheck.all(c, c.image.startsWith(variables.environment + '.'))"
      messageExpression: "'only ' + variables.environment + ' images are allowed in namespace ' + namespaceObject.metadata.name"
    - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
      message: "every Deployment needs a team label"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: image-binding
spec:
  policyName: image-matches-namespace-environment.policy.example.com
  validationActions: [Audit]
`;
    const messages = (head: string) =>
      run(policy, `${NAMESPACES}---\n${head}`).map((f) => [f.severity, f.message]);
    expect(messages(deployment('test', 1))).toEqual([
      [
        'notice',
        "ValidatingAdmissionPolicy 'image-matches-namespace-environment.policy.example.com' with binding 'image-binding' would audit Deployment test/web: only test images are allowed in namespace test",
      ],
      [
        'notice',
        "ValidatingAdmissionPolicy 'image-matches-namespace-environment.policy.example.com' with binding 'image-binding' would audit Deployment test/web: every Deployment needs a team label",
      ],
    ]);
    expect(messages(deployment('test', 1, '  labels:\n    exempt: "true"\n    team: web\n'))).toEqual([]);
  });
});

describe('evaluateAdmissionPolicies: params and namespaces', () => {
  const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: limits
spec:
  paramKind:
    apiVersion: v1
    kind: ConfigMap
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]
  validations:
    - expression: "object.spec.replicas <= int(params.data.max)"
      messageExpression: "'at most ' + params.data.max + ' replicas in ' + namespaceObject.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: limits
spec:
  policyName: limits
  validationActions: [Deny]
  paramRef:
    name: limits
    parameterNotFoundAction: Allow
  matchResources:
    namespaceSelector:
      matchExpressions:
        - key: environment
          operator: In
          values: [test, prod]
`;
  const limits = (namespace: string, max: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: limits\n  namespace: ${namespace}\ndata:\n  max: "${max}"\n`;

  it('looks a namespaced param up in the namespace of the request', () => {
    const head = [
      NAMESPACES,
      limits('test', 2),
      limits('prod', 9),
      deployment('test', 4),
      deployment('prod', 4),
    ].join('---\n');
    expect(run(POLICY, head).map((finding) => finding.message)).toEqual([
      "ValidatingAdmissionPolicy 'limits' with binding 'limits' would deny Deployment test/web: at most 2 replicas in test",
    ]);
  });

  it('matches a Namespace by its own labels', () => {
    const policy = POLICY.replace('resources: ["deployments"]', 'resources: ["namespaces"]')
      .replace('apiGroups: ["apps"]', 'apiGroups: [""]')
      .replace(/  paramKind:\n.*\n.*\n/, '')
      .replace(/  paramRef:\n.*\n.*\n/, '')
      .replace(/    - expression: .*\n.*\n/, '    - expression: "object.metadata.name != \'prod\'"\n');
    expect(run(policy, NAMESPACES).map((finding) => finding.message)).toEqual([
      "ValidatingAdmissionPolicy 'limits' with binding 'limits' would deny Namespace prod: failed expression: object.metadata.name != 'prod'",
    ]);
  });
});
