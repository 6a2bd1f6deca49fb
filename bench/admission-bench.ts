/**
 * The admission benchmark: 10 ValidatingAdmissionPolicies with CEL (params, variables,
 * matchConditions, namespace selectors, the quantity and regex libraries) over 30,000 rendered
 * resources in 20 namespaces, evaluated in this process from the sources (no bundle needed).
 * Issue 13's target: under 3 s together with the built-in rules.
 */
import type { JsonObject } from '../core/manifests/json-value.ts';
import { evaluateAdmissionPolicies } from '../core/policy/admission/evaluate-admission-policies.ts';
import type { RenderedResource } from '../core/render/kustomize/build-kustomization.ts';

const DEPLOYMENTS = {
  apiGroups: ['apps'],
  apiVersions: ['v1'],
  operations: ['CREATE', 'UPDATE'],
  resources: ['deployments'],
};
const ALL = { apiGroups: ['*'], apiVersions: ['*'], operations: ['CREATE', 'UPDATE'], resources: ['*'] };

const POLICIES: { rules: JsonObject; validations: JsonObject[]; extra?: JsonObject }[] = [
  { rules: DEPLOYMENTS, validations: [{ expression: 'object.spec.replicas <= 50' }] },
  {
    rules: DEPLOYMENTS,
    validations: [
      {
        expression: 'object.spec.replicas <= int(params.data.maxReplicas)',
        messageExpression: "'at most ' + params.data.maxReplicas",
      },
    ],
    extra: { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } },
  },
  {
    rules: ALL,
    validations: [{ expression: "has(object.metadata.labels) && 'app' in object.metadata.labels" }],
  },
  {
    rules: DEPLOYMENTS,
    validations: [
      { expression: "object.spec.template.spec.containers.all(c, !c.image.endsWith(':latest'))" },
    ],
  },
  {
    rules: DEPLOYMENTS,
    validations: [
      {
        expression:
          "variables.containers.all(c, has(c.resources) && has(c.resources.limits) && quantity(c.resources.limits.memory).isLessThan(quantity('2Gi')))",
      },
    ],
    extra: { variables: [{ name: 'containers', expression: 'object.spec.template.spec.containers' }] },
  },
  {
    rules: DEPLOYMENTS,
    validations: [
      { expression: "object.spec.template.spec.containers.all(c, c.image.find('^[a-z.]+/') != '')" },
    ],
  },
  {
    rules: ALL,
    validations: [{ expression: "object.metadata.name.matches('^[a-z0-9-]+$')" }],
    extra: { matchConditions: [{ name: 'not-namespaces', expression: "request.kind.kind != 'Namespace'" }] },
  },
  {
    rules: DEPLOYMENTS,
    validations: [{ expression: 'object.spec.template.spec.?securityContext.?runAsNonRoot.orValue(true)' }],
  },
  {
    rules: { ...ALL, resources: ['services'] },
    validations: [{ expression: 'object.spec.ports.all(p, p.port > 0 && p.port < 65536)' }],
  },
  {
    rules: { ...ALL, resources: ['configmaps'] },
    validations: [{ expression: 'object.?data.orValue({}).all(k, k.size() < 64)' }],
  },
];

/** The 10 policies and their bindings (the policy benchmark evaluates them with the built-in rules). */
export function policyDocuments(): { path: string; line: number; object: JsonObject }[] {
  return POLICIES.flatMap(({ rules, validations, extra }, index) => {
    const name = `policy-${index}`;
    const binding: JsonObject = {
      policyName: name,
      validationActions: ['Deny'],
      matchResources: { namespaceSelector: { matchLabels: { team: 'apps' } } },
    };
    if (extra?.['paramKind'] !== undefined)
      binding['paramRef'] = { name: 'limits', parameterNotFoundAction: 'Deny' };
    return [
      {
        path: 'policies/all.yaml',
        line: index * 40 + 1,
        object: {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingAdmissionPolicy',
          metadata: { name },
          spec: {
            failurePolicy: 'Fail',
            matchConstraints: { resourceRules: [rules] },
            validations,
            ...extra,
          },
        },
      },
      {
        path: 'policies/all.yaml',
        line: index * 40 + 20,
        object: {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingAdmissionPolicyBinding',
          metadata: { name: `binding-${index}` },
          spec: binding,
        },
      },
    ];
  });
}

function resources(count: number): RenderedResource[] {
  const out: RenderedResource[] = [];
  for (let n = 0; n < 20; n++)
    out.push({
      object: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: `ns-${n}`, labels: { team: 'apps' } },
      },
      origin: { path: `ns/${n}.yaml`, line: 1 },
    });
  for (let n = 0; n < 20; n++)
    out.push({
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'limits', namespace: `ns-${n}` },
        data: { maxReplicas: '10' },
      },
      origin: { path: `ns/${n}.yaml`, line: 8 },
    });
  for (let i = 0; out.length < count; i++) {
    const namespace = `ns-${i % 20}`;
    const labels = { app: `app-${i}` };
    const origin = { path: `apps/app-${i}/base/resources.yaml`, line: 1 };
    const kind = i % 3;
    if (kind === 0)
      out.push({
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: `app-${i}`, namespace, labels },
          spec: {
            replicas: (i % 7) + 1,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  {
                    name: 'app',
                    image: `ghcr.io/acme/app-${i}:1.${i}.0`,
                    resources: { limits: { memory: '512Mi', cpu: '500m' } },
                  },
                  {
                    name: 'sidecar',
                    image: 'ghcr.io/acme/sidecar:2.0.0',
                    resources: { limits: { memory: '64Mi' } },
                  },
                ],
              },
            },
          },
        },
        origin,
      });
    else if (kind === 1)
      out.push({
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: `app-${i}`, namespace, labels },
          spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
        },
        origin,
      });
    else
      out.push({
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: `app-${i}-config`, namespace, labels },
          data: { LOG_LEVEL: 'info', FEATURE: 'on' },
        },
        origin,
      });
  }
  return out;
}

/** Runs the benchmark; returns the seconds the evaluation took. */
export function admissionBenchmark(count = 30_000): number {
  const head = resources(count);
  const base = head.map((resource) => ({ ...resource, object: structuredClone(resource.object) }));
  const documents = policyDocuments();
  const runs: { seconds: number; cpu: number; findings: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const findings = evaluateAdmissionPolicies({ environment: 'bench', head, base, documents });
    const used = process.cpuUsage(cpu);
    runs.push({
      seconds: (performance.now() - started) / 1000,
      cpu: (used.user + used.system) / 1e6,
      findings: findings.length,
    });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  const median = runs[1] as { seconds: number; cpu: number; findings: number };
  console.log(
    `${`admission: ${POLICIES.length} CEL policies over ${head.length} resources (median of 3)`.padEnd(60)} ${median.seconds.toFixed(2).padStart(6)} s  ` +
      `${Math.round(head.length / median.seconds)} resources/s  CPU ${median.cpu.toFixed(2)} s  ${median.findings} findings  ` +
      `best ${(runs[0] as { seconds: number }).seconds.toFixed(2)} s`,
  );
  console.log(`${''.padEnd(60)} target: under 3 s together with the built-in rules`);
  return median.seconds;
}
