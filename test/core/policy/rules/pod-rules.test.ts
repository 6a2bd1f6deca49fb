import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../core/rules/rule-catalog.ts';
import { deployment, goodContainer, of, policyOn } from '../policy-fixture.ts';

/** Policy on the files (a kustomization listing every other YAML file), the findings of one rule. */
async function findings(ruleId: RuleId, files: Record<string, string>) {
  const resources = Object.keys(files).filter((path) => path.endsWith('.yaml') && !path.startsWith('.'));
  const run = await policyOn({
    'kustomization.yaml': `resources:\n${resources.map((path) => `  - ${path}`).join('\n')}\n`,
    ...files,
  });
  return of(run, ruleId);
}

/** The line of `yaml` that starts with `text` (indentation and a list dash aside). */
const line = (yaml: string, text: string): number =>
  yaml.split('\n').findIndex((l) => l.replace(/^[\s-]+/, '').startsWith(text)) + 1;

const pod = (spec: string) => deployment(goodContainer(), spec);

const service = (selector: string, extra = '') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n${extra}  selector:\n    ${selector}\n  ports:\n    - port: 80\n`;

const secret = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n${body}`;

const PROD = 'version: 1\npolicy:\n  production: [root]\n';

interface Case {
  name: string;
  rule: RuleId;
  files: Record<string, string>;
  /** `[file, text on the line, severity, message]`, or none. */
  expected: [string, string, string, string][];
}

const cases: Case[] = [
  {
    name: 'hostNetwork and hostPID',
    rule: 'host-namespaces',
    files: { 'd.yaml': pod('      hostNetwork: true\n      hostPID: true\n      hostIPC: false') },
    expected: [
      [
        'd.yaml',
        'hostNetwork',
        'error',
        'Deployment web shares the network namespace of its node (hostNetwork: true)',
      ],
      [
        'd.yaml',
        'hostPID',
        'error',
        'Deployment web shares the process namespace of its node (hostPID: true)',
      ],
    ],
  },
  {
    name: 'no host namespace',
    rule: 'host-namespaces',
    files: { 'd.yaml': pod('      hostIPC: false') },
    expected: [],
  },
  {
    name: 'a host folder, and the docker socket',
    rule: 'host-path',
    files: {
      'd.yaml': pod(
        '      volumes:\n        - name: logs\n          hostPath: {path: /var/log}\n        - name: docker\n          hostPath:\n            path: /var/run/docker.sock',
      ),
    },
    expected: [
      [
        'd.yaml',
        'hostPath: {path: /var/log}',
        'warning',
        'Deployment web: volume logs mounts /var/log of its node (hostPath)',
      ],
      [
        'd.yaml',
        'path: /var/run/docker.sock',
        'error',
        "Deployment web: volume docker mounts /var/run/docker.sock of its node, the container runtime's socket /var/run/docker.sock: whoever holds it controls the node",
      ],
    ],
  },
  {
    name: 'the folder that holds the containerd socket',
    rule: 'host-path',
    files: {
      'd.yaml': pod('      volumes:\n        - name: run\n          hostPath: {path: /run/containerd/}'),
    },
    expected: [
      [
        'd.yaml',
        'hostPath:',
        'error',
        "Deployment web: volume run mounts /run/containerd/ of its node, which holds the container runtime's socket /run/containerd/containerd.sock: whoever holds it controls the node",
      ],
    ],
  },
  {
    name: 'a selector that does not select the template',
    rule: 'selector-mismatch',
    files: {
      'd.yaml': deployment(goodContainer()).replace(
        '    matchLabels:\n      app: web',
        '    matchLabels:\n      app: api',
      ),
    },
    expected: [
      [
        'd.yaml',
        'selector:',
        'error',
        'Deployment web: spec.selector does not select the labels of its pod template (app=web); the API server refuses it',
      ],
    ],
  },
  {
    name: 'matchExpressions that select the template',
    rule: 'selector-mismatch',
    files: {
      'd.yaml': deployment(goodContainer()).replace(
        '    matchLabels:\n      app: web',
        '    matchExpressions:\n      - {key: app, operator: In, values: [web, api]}\n      - {key: tier, operator: DoesNotExist}',
      ),
    },
    expected: [],
  },
  {
    name: 'a Service that selects no pod',
    rule: 'service-selects-nothing',
    files: { 'd.yaml': pod(''), 's.yaml': service('app: api') },
    expected: [
      [
        's.yaml',
        'selector:',
        'warning',
        'Service web selects app=api, which no pod of the environment has: it would have no endpoints',
      ],
    ],
  },
  {
    name: 'a Service that selects the Deployment',
    rule: 'service-selects-nothing',
    files: { 'd.yaml': pod(''), 's.yaml': service('app: web') },
    expected: [],
  },
  {
    name: 'an ExternalName Service',
    rule: 'service-selects-nothing',
    files: { 's.yaml': service('app: api', '  type: ExternalName\n  externalName: db.example\n') },
    expected: [],
  },
  {
    name: 'a missing ConfigMap, Secret and claim; optional, default and present ones pass',
    rule: 'dangling-reference',
    files: {
      'd.yaml': deployment(
        `${goodContainer()}\n          envFrom:\n            - configMapRef: {name: settings}\n            - secretRef: {name: maybe, optional: true}`,
        '      serviceAccountName: default\n      volumes:\n        - name: data\n          persistentVolumeClaim: {claimName: data}\n        - name: tls\n          secret: {secretName: tls}\n        - name: ca\n          configMap: {name: kube-root-ca.crt}\n        - name: creds\n          secret: {secretName: creds}',
      ),
      'c.yaml':
        'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: creds\nspec:\n  encryptedData: {}\n',
    },
    expected: [
      [
        'd.yaml',
        'persistentVolumeClaim: {claimName: data}',
        'warning',
        'Deployment web: volume data refers to PersistentVolumeClaim data, which the environment does not hold',
      ],
      [
        'd.yaml',
        'secret: {secretName: tls}',
        'warning',
        'Deployment web: volume tls refers to Secret tls, which the environment does not hold',
      ],
      [
        'd.yaml',
        'configMapRef: {name: settings}',
        'warning',
        'Deployment web: envFrom of container app refers to ConfigMap settings, which the environment does not hold',
      ],
    ],
  },
  {
    name: 'a Secret with data',
    rule: 'plain-secret',
    files: { 's.yaml': secret('data:\n  password: aHVudGVyMg==\nstringData:\n  user: admin\n') },
    expected: [
      [
        's.yaml',
        'data:',
        'warning',
        'Secret db holds 2 values in plain text in the repository: encrypt it (SealedSecret, SOPS) or use a secret store',
      ],
    ],
  },
  {
    name: 'a SOPS-encrypted Secret',
    rule: 'plain-secret',
    files: { 's.yaml': secret('data:\n  password: ENC[AES256_GCM,data:abc]\nsops:\n  version: 3.8.1\n') },
    expected: [],
  },
  {
    name: 'a Secret without data',
    rule: 'plain-secret',
    files: { 's.yaml': secret('type: Opaque\n') },
    expected: [],
  },
  {
    name: 'one replica in production',
    rule: 'low-replicas',
    files: { '.kubeproof.yaml': PROD, 'd.yaml': deployment(goodContainer(), '', '  replicas: 1') },
    expected: [
      [
        'd.yaml',
        'replicas: 1',
        'warning',
        'Deployment web runs 1 replica in production environment root: one failure stops it; set replicas to 2 or more',
      ],
    ],
  },
  {
    name: 'one replica outside production',
    rule: 'low-replicas',
    files: { 'd.yaml': deployment(goodContainer(), '', '  replicas: 1') },
    expected: [],
  },
  {
    name: 'three replicas in production',
    rule: 'low-replicas',
    files: { '.kubeproof.yaml': PROD, 'd.yaml': deployment(goodContainer(), '', '  replicas: 3') },
    expected: [],
  },
  {
    name: 'production scaled by an autoscaler from 2',
    rule: 'low-replicas',
    files: {
      '.kubeproof.yaml': PROD,
      'd.yaml': pod(''),
      'h.yaml':
        'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n',
    },
    expected: [],
  },
  {
    name: 'latest in a protected environment',
    rule: 'mutable-tag-protected',
    files: {
      '.kubeproof.yaml': 'version: 1\npromotion:\n  protected: [root]\n  mutableTags: [main]\n',
      'd.yaml': deployment(goodContainer('nginx:main')),
    },
    expected: [
      [
        'd.yaml',
        'image:',
        'error',
        'root is protected (promotion.protected) and Deployment web: container app runs nginx:main, tag main, which is mutable: pin a version or a digest',
      ],
    ],
  },
];

describe.each(cases)('$rule: $name', ({ rule, files, expected }) => {
  it(expected.length === 0 ? 'passes' : 'reports each problem at the line that wrote it', async () => {
    expect(await findings(rule, files)).toEqual(
      expected.map(([path, text, severity, message]) => [
        path,
        line(files[path] ?? '', text),
        severity,
        message,
      ]),
    );
  });
});

describe('latest-tag and mutable-tag-protected', () => {
  it('say latest once in a protected environment: as the error', async () => {
    const run = await policyOn({
      '.kubeproof.yaml': 'version: 1\npromotion:\n  protected: [root]\n',
      'kustomization.yaml': 'resources:\n  - d.yaml\n',
      'd.yaml': deployment(goodContainer('nginx:latest')),
    });
    expect(run.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([
      ['mutable-tag-protected', 'error'],
    ]);
  });
});
