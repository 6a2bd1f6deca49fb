import { describe, expect, it } from 'vitest';
import { evaluateAdmissionPolicies } from '../../../../core/policy/admission/evaluate-admission-policies.ts';
import { docs, rendered } from './admission-fixtures.ts';

interface PolicyOptions {
  validations: string;
  failurePolicy?: string;
  actions?: string;
  rules?: string;
  extra?: string;
}

const DEPLOYMENT_RULES = `    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]`;

function policy({
  validations,
  failurePolicy = 'Fail',
  actions = '[Deny]',
  rules = DEPLOYMENT_RULES,
  extra = '',
}: PolicyOptions): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: p
spec:
  failurePolicy: ${failurePolicy}
  matchConstraints:
${extra}    resourceRules:
${rules}
  validations:
${validations}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: b
spec:
  policyName: p
  validationActions: ${actions}
`;
}

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
  labels:
    app: web
spec:
  replicas: 3
`;

function run(policies: string, head = WEB, base?: string) {
  return evaluateAdmissionPolicies({
    environment: 'prod',
    head: rendered('out/web.yaml', head),
    ...(base === undefined ? {} : { base: rendered('out/web.yaml', base) }),
    documents: docs('policies/p.yaml', policies),
  });
}

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'apps' };
const failing = '    - expression: "object.spec.replicas > 5"';

describe('evaluateAdmissionPolicies: outcomes', () => {
  it.each([
    ['[Deny]', 'error', 'would deny'],
    ['[Warn]', 'warning', 'would warn on'],
    ['[Audit]', 'notice', 'would audit'],
    ['[Warn, Audit]', 'warning', 'would warn on'],
    ['[Deny, Audit]', 'error', 'would deny'],
  ])('validationActions %s gives %s', (actions, severity, verb) => {
    expect(run(policy({ validations: failing, actions }))).toEqual([
      {
        ruleId: 'admission-policy',
        severity,
        message: `ValidatingAdmissionPolicy 'p' with binding 'b' ${verb} Deployment apps/web: failed expression: object.spec.replicas > 5`,
        path: 'out/web.yaml',
        line: 1,
        resource: ref,
      },
    ]);
  });

  it('reports an expression that does not compile at the policy, and still evaluates the others', () => {
    const validations = `    - expression: "object.spec.replicas <="\n${failing}`;
    expect(run(policy({ validations }))).toEqual([
      {
        ruleId: 'admission-policy-invalid',
        severity: 'error',
        message: expect.stringMatching(
          /^ValidatingAdmissionPolicy 'p': spec\.validations\[0\]\.expression "object\.spec\.replicas <=" does not compile: .+: this validation is not evaluated$/,
        ),
        path: 'policies/p.yaml',
        line: 1,
      },
      expect.objectContaining({
        ruleId: 'admission-policy',
        message: expect.stringContaining('object.spec.replicas > 5'),
      }),
    ]);
  });

  it.each([
    ['math.greatest(object.spec.replicas, 1) < 5', 'math'],
    ["object.metadata.name.slice(0, 2) == 'we'", 'slice'],
  ])('says %s is not checked: kubeproof does not have %s', (expression, name) => {
    const validations = `    - expression: "${expression}"\n${failing}`;
    expect(run(policy({ validations })).map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      [
        'admission-policy-unchecked',
        'warning',
        `ValidatingAdmissionPolicy 'p': spec.validations[0].expression ${JSON.stringify(expression)} uses ${name}, which kubeproof's CEL does not have (or misspells a name): this validation is not evaluated`,
      ],
      ['admission-policy', 'error', expect.stringContaining('object.spec.replicas > 5')],
    ]);
  });

  it('leaves a policy out whose matchCondition does not compile', () => {
    const extra = '';
    const text = policy({ validations: failing, extra }).replace(
      '  validations:',
      '  matchConditions:\n    - name: broken\n      expression: "object.metadata.("\n  validations:',
    );
    expect(run(text).map((f) => [f.ruleId, f.message.endsWith('the policy is not evaluated')])).toEqual([
      ['admission-policy-invalid', true],
    ]);
  });

  it.each([
    ['Fail', '[Deny]', 'error', 'failurePolicy Fail: it would deny the request'],
    ['Fail', '[Warn]', 'warning', 'failurePolicy Fail: it would warn on the request'],
    ['Ignore', '[Deny]', 'notice', 'failurePolicy Ignore lets the request through'],
  ])(
    'an evaluation error under failurePolicy %s with %s is a(n) %s',
    (failurePolicy, actions, severity, outcome) => {
      const validations = '    - expression: "object.spec.template.spec.hostNetwork == false"';
      expect(run(policy({ validations, failurePolicy, actions }))).toEqual([
        {
          ruleId: 'admission-policy-error',
          severity,
          message: `ValidatingAdmissionPolicy 'p' with binding 'b': spec.validations[0].expression "object.spec.template.spec.hostNetwork == false" fails on Deployment apps/web: No such key: template; ${outcome}`,
          path: 'out/web.yaml',
          line: 1,
          resource: ref,
        },
      ]);
    },
  );

  it('binds integral numbers as CEL ints', () => {
    const validations = '    - expression: "type(object.spec.replicas) == int && object.spec.replicas == 3"';
    expect(run(policy({ validations }))).toEqual([]);
  });

  it('sees the base as oldObject, and the operation as UPDATE', () => {
    const validations = `    - expression: "oldObject == null || object.spec.replicas >= oldObject.spec.replicas"
      messageExpression: "request.operation + ': replicas go down from ' + string(oldObject.spec.replicas)"`;
    const text = policy({ validations });
    expect(run(text, WEB, WEB.replace('replicas: 3', 'replicas: 5')).map((f) => f.message)).toEqual([
      "ValidatingAdmissionPolicy 'p' with binding 'b' would deny Deployment apps/web: UPDATE: replicas go down from 5",
    ]);
    expect(run(text, WEB)).toEqual([]);
    expect(run(text, WEB, WEB.replace('name: web', 'name: other'))).toEqual([]);
  });

  it('says once per expression that authorizer could not be checked', () => {
    const validations = `    - expression: "authorizer.group('apps').resource('deployments').namespace(object.metadata.namespace).check('delete').allowed()"`;
    const head = `${WEB}---\n${WEB.replace('name: web', 'name: api')}`;
    expect(run(policy({ validations }), head)).toEqual([
      {
        ruleId: 'admission-policy-unchecked',
        severity: 'warning',
        message:
          "ValidatingAdmissionPolicy 'p' with binding 'b': spec.validations[0].expression \"authorizer.group('apps').resource('deployments').namespace(object.metadata.namespace).check('dele...\" uses authorizer, which needs the API server and the requesting user: not checked offline on 2 resources (Deployment apps/web, Deployment apps/api)",
        path: 'policies/p.yaml',
        line: 1,
      },
    ]);
  });

  it('never shows a Secret value through a messageExpression or an error', () => {
    const rules = `    - apiGroups: [""]
      apiVersions: ["v1"]
      operations: ["CREATE"]
      resources: ["secrets"]`;
    const validations = `    - expression: "object.data.token == 'c2FmZQ=='"
      message: token must be the safe one
      messageExpression: "'token is ' + object.data.token"
    - expression: "quantity(object.data.token).isInteger()"`;
    const secret =
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: apps\ndata:\n  token: aHVudGVyMg==\n';
    const findings = run(policy({ validations, rules }), secret);
    expect(findings.map((f) => f.message)).toEqual([
      "ValidatingAdmissionPolicy 'p' with binding 'b' would deny Secret apps/creds: token must be the safe one",
      "ValidatingAdmissionPolicy 'p' with binding 'b': spec.validations[1].expression \"quantity(object.data.token).isInteger()\" fails on Secret apps/creds: the error is not shown: the object or its params are a Secret; failurePolicy Fail: it would deny the request",
    ]);
    expect(JSON.stringify(findings)).not.toContain('aHVudGVyMg==');
  });

  it('bounds the cost of an expression: over budget is an evaluation error', () => {
    const items = Array.from({ length: 200 }, (_, i) => `    - ${i}`).join('\n');
    const head = `${WEB}  items:\n${items}\n`;
    const validations =
      '    - expression: "object.spec.items.all(a, object.spec.items.all(b, object.spec.items.all(c, a + b + c >= 0)))"';
    expect(run(policy({ validations }), head).map((f) => [f.ruleId, f.message])).toEqual([
      [
        'admission-policy-error',
        expect.stringMatching(
          /fails on Deployment apps\/web: over the cost budget: an estimated .+ steps against 1000000; failurePolicy Fail/,
        ),
      ],
    ]);
  });

  it.each([
    [
      'an objectSelector that does not match',
      '    objectSelector:\n      matchLabels:\n        app: api\n',
      DEPLOYMENT_RULES,
    ],
    [
      'an excludeResourceRule',
      '    excludeResourceRules:\n    - apiGroups: ["apps"]\n      apiVersions: ["v1"]\n      operations: ["*"]\n      resources: ["deployments"]\n      resourceNames: ["web"]\n',
      DEPLOYMENT_RULES,
    ],
    ['resourceNames of another name', '', `${DEPLOYMENT_RULES}\n      resourceNames: ["api"]`],
    ['scope Cluster for a namespaced kind', '', `${DEPLOYMENT_RULES}\n      scope: Cluster`],
    ['another apiVersion', '', DEPLOYMENT_RULES.replace('["v1"]', '["v1beta1"]')],
    ['operations DELETE only', '', DEPLOYMENT_RULES.replace('["CREATE", "UPDATE"]', '["DELETE"]')],
  ])('leaves the resource out with %s', (_, extra, rules) => {
    expect(run(policy({ validations: failing, extra, rules }))).toEqual([]);
  });

  it('matches a custom resource by the plural its CRD gives', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: mice.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    kind: Mouse
    plural: mice
---
apiVersion: example.com/v1
kind: Mouse
metadata:
  name: jerry
  namespace: apps
spec:
  replicas: 9
`;
    const rules = `    - apiGroups: ["example.com"]\n      apiVersions: ["*"]\n      operations: ["*"]\n      resources: ["mice"]`;
    expect(run(policy({ validations: failing, rules }), crd).map((f) => f.message)).toEqual([]);
    expect(
      run(policy({ validations: '    - expression: "object.spec.replicas < 5"', rules }), crd).map(
        (f) => f.message,
      ),
    ).toEqual([
      "ValidatingAdmissionPolicy 'p' with binding 'b' would deny Mouse apps/jerry: failed expression: object.spec.replicas < 5",
    ]);
  });

  it('says a policy without a binding and a binding without a policy are not evaluated', () => {
    const lone = policy({ validations: failing }).split('---')[0] as string;
    const orphan = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: orphan
spec:
  policyName: gone
  validationActions: [Deny]
`;
    expect(run(`${lone}---\n${orphan}`).map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      [
        'admission-policy-unchecked',
        'notice',
        "ValidatingAdmissionPolicy 'p' has no binding in prod: it is not evaluated (the API server applies only bound policies)",
      ],
      [
        'admission-policy-unchecked',
        'warning',
        "ValidatingAdmissionPolicyBinding 'orphan' names policy 'gone', which is in neither prod nor the policy files: nothing is checked",
      ],
    ]);
  });

  it.each([
    ['validationActions: [Deny, Warn]', 'spec.validationActions cannot hold both Deny and Warn'],
    ['validationActions: [Block]', 'spec.validationActions: "Block" is not Deny, Warn or Audit'],
    ['validationActions: []', 'spec.validationActions must list Deny, Warn or Audit'],
  ])('refuses a binding with %s', (actions, problem) => {
    const text = policy({ validations: failing }).replace('validationActions: [Deny]', actions);
    expect(run(text)).toEqual([
      {
        ruleId: 'admission-policy-invalid',
        severity: 'error',
        message: `ValidatingAdmissionPolicyBinding 'b': ${problem}: the binding is not used`,
        path: 'policies/p.yaml',
        line: 16,
      },
      expect.objectContaining({ ruleId: 'admission-policy-unchecked' }),
    ]);
  });

  it('evaluates policies and bindings that come with the rendered environment', () => {
    expect(
      evaluateAdmissionPolicies({
        environment: 'prod',
        head: rendered('out/all.yaml', `${policy({ validations: failing })}---\n${WEB}`),
        documents: [],
      }).map((f) => [f.ruleId, f.path, f.line]),
    ).toEqual([['admission-policy', 'out/all.yaml', 24]]);
  });
});
