import type { ChangeNote, EnvironmentDiff, ResourceDiff } from '../../../../core/diff/types.ts';
import type { Finding } from '../../../../core/findings.ts';
import type { CheckReport, EnvironmentCheck, ReportMeta } from '../../../../core/report/check-report.ts';

export const META: ReportMeta = {
  renderer: 'built-in Kustomize engine',
  durationMs: 412,
  kubernetesVersion: '1.31.0',
  strict: true,
  crdsFromRepo: true,
  commit: '4f2c1ab9e0d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4',
  fullReportUrl: 'https://github.com/acme/gitops/actions/runs/123456789',
  fullReportLabel: 'job summary',
  artifactName: 'kubeproof-report',
};

function note(kind: string, text: string): ChangeNote {
  return { kind, text };
}

/** A resource diff; the unified diff is made from `lines` under the `# Kind ns/name` header. */
export function resource(
  kind: string,
  namespace: string | undefined,
  name: string,
  change: ResourceDiff['change'],
  notes: ChangeNote[],
  lines: string[] = [],
): ResourceDiff {
  const ref =
    namespace === undefined ? { apiVersion: 'v1', kind, name } : { apiVersion: 'v1', kind, name, namespace };
  const header = `# ${kind} ${namespace === undefined ? '' : `${namespace}/`}${name}`;
  return {
    resource: ref,
    change,
    origin: { path: `envs/${namespace ?? 'cluster'}/kustomization.yaml`, line: 1 },
    notes,
    unifiedDiff: lines.length === 0 ? '' : [header, ...lines].join('\n'),
  };
}

/** An environment diff whose counts follow its resources. */
export function environment(
  name: string,
  resources: ResourceDiff[],
  status: EnvironmentDiff['status'] = resources.length === 0 ? 'unchanged' : 'changed',
  findings: Finding[] = [],
): EnvironmentDiff {
  const count = (change: ResourceDiff['change']): number =>
    resources.filter((r) => r.change === change).length;
  return {
    environment: name,
    path: `envs/${name}`,
    status,
    resources,
    counts: { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged: 12 },
    findings,
  };
}

export function check(
  environmentName: string,
  resources: number,
  findings: Finding[] = [],
): EnvironmentCheck {
  return {
    environment: environmentName,
    resources,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    findings,
  };
}

const prodWeb = resource(
  'Deployment',
  'prod',
  'web',
  'changed',
  [
    {
      kind: 'image',
      text: 'image ghcr.io/acme/web 1.3.0 -> 1.4.2',
      parts: { label: 'image', subject: 'ghcr.io/acme/web', from: '1.3.0', to: '1.4.2' },
    },
    { kind: 'replicas', text: 'replicas 2 -> 3', parts: { label: 'replicas', from: '2', to: '3' } },
  ],
  [
    ' spec:',
    '-  replicas: 2',
    '+  replicas: 3',
    '   template:',
    '     spec:',
    '       containers:',
    '       - name: main',
    '-        image: ghcr.io/acme/web:1.3.0',
    '+        image: ghcr.io/acme/web:1.4.2',
  ],
);

const prodConfig: ResourceDiff = {
  ...resource(
    'ConfigMap',
    'prod',
    'web-config',
    'changed',
    [
      {
        kind: 'config-key',
        text: 'key LOG_LEVEL: info -> warn',
        parts: { label: 'key', subject: 'LOG_LEVEL', from: 'info', to: 'warn' },
      },
    ],
    [' data:', '-  LOG_LEVEL: info', '+  LOG_LEVEL: warn'],
  ),
  renamed: { from: 'web-config-7h2kt9', to: 'web-config-9f4mb2' },
};

const prodSecret = resource(
  'Secret',
  'prod',
  'db',
  'changed',
  [note('secret-key', 'key password changed (values are never shown)')],
  [' data:', '-  password: <redacted:1>', '+  password: <redacted:2>'],
);

const pinWarning: Finding = {
  ruleId: 'deprecated-api',
  severity: 'warning',
  message: 'production images should be pinned by digest. Fix: use `digest:` in the `images:` entry.',
  path: 'envs/prod/kustomization.yaml',
  line: 7,
  resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'prod' },
};

/** The hand-made mock of `../shared/examples/review-comment.md`, as data. */
export const mockReport: CheckReport = {
  environments: [
    environment('prod', [prodWeb, prodConfig, prodSecret]),
    environment('staging', [
      resource(
        'HorizontalPodAutoscaler',
        'staging',
        'web',
        'added',
        [note('field', 'min 2, max 6, CPU 70%')],
        ['+apiVersion: autoscaling/v2', '+kind: HorizontalPodAutoscaler', '+spec:', '+  maxReplicas: 6'],
      ),
      resource(
        'Deployment',
        'staging',
        'web',
        'changed',
        [
          {
            kind: 'field',
            text: 'resources.limits.memory: 256Mi -> 512Mi',
            parts: { label: '', subject: 'resources.limits.memory', from: '256Mi', to: '512Mi' },
          },
        ],
        ['       resources:', '         limits:', '-          memory: 256Mi', '+          memory: 512Mi'],
      ),
    ]),
    environment('dev', []),
  ],
  validation: [check('prod', 14), check('staging', 15), check('dev', 15)],
  policy: [check('prod', 14, [pinWarning]), check('staging', 15), check('dev', 15)],
  meta: META,
};

/** Validation errors with file:line, one environment that did not render, no policy. */
export const failingReport: CheckReport = {
  environments: [
    environment('prod', [
      resource(
        'Deployment',
        'prod',
        'api',
        'changed',
        [note('container', 'new container sidecar'), note('env', 'env LOG_LEVEL added')],
        [' containers:', '+- name: sidecar', '+  image: envoyproxy/envoy:v1.31'],
      ),
      resource('Service', 'prod', 'api-old', 'removed', [], ['-apiVersion: v1', '-kind: Service']),
      resource(
        'ClusterRole',
        undefined,
        'api-reader',
        'added',
        [],
        ['+apiVersion: rbac.authorization.k8s.io/v1'],
      ),
    ]),
    environment('qa', [], 'error', [
      {
        ruleId: 'kustomize-build',
        severity: 'error',
        message: 'head: accumulating resources: envs/qa/missing.yaml: no such file',
        path: 'envs/qa/kustomization.yaml',
        line: 4,
      },
    ]),
  ],
  validation: [
    check('prod', 9, [
      {
        ruleId: 'schema',
        severity: 'error',
        message: "spec.template.spec.containers[1]: missing required property 'name'",
        path: 'apps/api/base/deployment.yaml',
        line: 23,
        column: 9,
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api', namespace: 'prod' },
      },
      {
        ruleId: 'deprecated-api',
        severity: 'warning',
        message: 'policy/v1beta1 PodDisruptionBudget is removed in Kubernetes 1.25; use policy/v1',
        path: 'apps/api/base/pdb.yaml',
        line: 1,
      },
    ]),
  ],
  meta: { ...META, strict: false, crdsFromRepo: false, durationMs: 65_300 },
};

/** Nothing changes: one quiet line and a table. */
export const quietReport: CheckReport = {
  environments: [environment('dev', []), environment('prod', [])],
  validation: [check('dev', 4), check('prod', 4)],
  meta: {
    renderer: 'kustomize v5.5.0',
    durationMs: 80,
    kubernetesVersion: '1.31.0',
    strict: true,
    crdsFromRepo: false,
  },
};

/** Names, notes and messages that try to break the markdown or inject HTML. */
export const hostileReport: CheckReport = {
  environments: [
    environment('pr<b>od</b> | `x`', [
      {
        ...resource(
          'Deployment',
          'ns|1',
          'we`b</details><img src=x onerror=alert(1)>',
          'changed',
          [note('field', 'label **bold** [link](https://evil.example) @octocat $x$ -> ``` ~~gone~~')],
          ['-  a: "```"', '+  a: "````"', '```', '</details>'],
        ),
        renamed: { from: '`a`', to: ' b ' },
      },
    ]),
  ],
  validation: [
    check('pr<b>od</b> | `x`', 1, [
      {
        ruleId: 'schema',
        severity: 'error',
        message: 'line one\n\n</details>\n# heading <script>alert(1)</script> & more',
        path: 'apps/`weird`|path.yaml',
        line: 2,
      },
    ]),
  ],
  meta: { ...META, fullReportUrl: 'https://example.com/a (b)<c>', artifactName: 'report`s' },
};

/** `count` environments of `perEnvironment` changed Deployments, each diff `diffLines` long. */
export function bigReport(count: number, perEnvironment: number, diffLines: number): CheckReport {
  const environments: EnvironmentDiff[] = [];
  const validation: EnvironmentCheck[] = [];
  for (let e = 0; e < count; e += 1) {
    const name = `env-${String(e).padStart(2, '0')}`;
    const resources: ResourceDiff[] = [];
    for (let r = 0; r < perEnvironment; r += 1) {
      const lines = Array.from(
        { length: diffLines },
        (_, i) => `${i % 2 === 0 ? '-' : '+'}  key${i}: value-${e}-${r}-${i}`,
      );
      resources.push(
        resource(
          'Deployment',
          name,
          `app-${String(r).padStart(3, '0')}`,
          'changed',
          [note('image', `image app ${r}.0 -> ${r}.1`)],
          lines,
        ),
      );
    }
    environments.push(environment(name, resources));
    validation.push(check(name, perEnvironment));
  }
  return { environments, validation, meta: META };
}
