import { describe, expect, it } from 'vitest';
import { describeResource, semanticSummary } from '../../../core/diff/semantic-summary.ts';
import type { JsonObject } from '../../../core/manifests/json-value.ts';
import { configMap, deployment } from './helpers.ts';

const texts = (before: JsonObject, after: JsonObject): string[] =>
  semanticSummary(before, after).map((n) => n.text);

const app = (container: JsonObject, replicas?: number): JsonObject =>
  deployment(
    'web',
    [{ name: 'web', image: 'app:1.2', ...container }],
    replicas === undefined ? {} : { replicas },
  );

describe('semanticSummary of workloads', () => {
  it.each<[string, JsonObject, JsonObject, string[]]>([
    ['image', app({}), app({ image: 'app:1.3' }), ['image app 1.2 -> 1.3']],
    ['replicas', app({}, 2), app({}, 3), ['replicas 2 -> 3']],
    ['replicas removed', app({}, 2), app({}), ['replicas unset (was 2)']],
    ['replicas set', app({}), app({}, 4), ['replicas unset -> 4']],
    [
      'env added, removed, changed',
      app({
        env: [
          { name: 'LOG_LEVEL', value: 'info' },
          { name: 'OLD', value: 'x' },
        ],
      }),
      app({
        env: [
          { name: 'LOG_LEVEL', value: 'warn' },
          { name: 'NEW', value: 'y' },
        ],
      }),
      ['env OLD removed', 'env LOG_LEVEL: info -> warn', 'env NEW added: y'],
    ],
    [
      'env valueFrom described, not resolved',
      app({ env: [{ name: 'DB', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } }] }),
      app({
        env: [
          { name: 'DB', valueFrom: { secretKeyRef: { name: 'db-v2', key: 'url' } } },
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        ],
      }),
      ['env DB: secretKeyRef db/url -> secretKeyRef db-v2/url', 'env POD added: fieldRef metadata.name'],
    ],
    [
      'long env values just "changed"',
      app({ env: [{ name: 'JAVA_OPTS', value: 'x'.repeat(80) }] }),
      app({ env: [{ name: 'JAVA_OPTS', value: 'y'.repeat(80) }] }),
      ['env JAVA_OPTS changed'],
    ],
    [
      'envFrom',
      app({ envFrom: [{ configMapRef: { name: 'a' } }] }),
      app({ envFrom: [{ secretRef: { name: 'b' } }] }),
      ['envFrom configmap a removed', 'envFrom secret b added'],
    ],
    [
      'envFrom of a generated ConfigMap whose hash changed',
      app({ envFrom: [{ configMapRef: { name: 'env-5h7k2m9b4c' } }] }),
      app({ envFrom: [{ configMapRef: { name: 'env-8d6f4g2t9m' } }] }),
      ['envFrom configmap env-5h7k2m9b4c -> env-8d6f4g2t9m'],
    ],
    [
      'resources',
      app({ resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: '100m' } } }),
      app({ resources: { limits: { cpu: '1' }, requests: { cpu: '100m', memory: '256Mi' } } }),
      ['memory request added: 256Mi', 'CPU limit 500m -> 1', 'memory limit removed (was 1Gi)'],
    ],
    [
      'container ports',
      app({ ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090 }] }),
      app({
        ports: [
          { name: 'http', containerPort: 8081 },
          { containerPort: 53, protocol: 'UDP' },
        ],
      }),
      ['port 9090/TCP removed', 'port http: 8080/TCP -> 8081/TCP', 'port 53/UDP added'],
    ],
    [
      'containers added and removed, naming the container when there are several',
      deployment('web', [
        { name: 'web', image: 'app:1' },
        { name: 'old', image: 'o:1' },
      ]),
      deployment(
        'web',
        [
          { name: 'web', image: 'app:2' },
          { name: 'sidecar', image: 'envoy:1.29' },
        ],
        {},
      ),
      ['image app 1 -> 2 (container web)', 'new container sidecar (envoy:1.29)', 'container old removed'],
    ],
    [
      'init containers',
      deployment('web', [{ name: 'web', image: 'app:1' }]),
      {
        ...deployment('web', [{ name: 'web', image: 'app:1' }]),
        spec: {
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              initContainers: [{ name: 'migrate', image: 'm:1' }],
              containers: [{ name: 'web', image: 'app:1' }],
            },
          },
        },
      },
      ['new init container migrate (m:1)'],
    ],
    [
      'CronJob pod templates',
      {
        kind: 'CronJob',
        spec: {
          jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'a:1' }] } } } },
        },
      },
      {
        kind: 'CronJob',
        spec: {
          jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'a:2' }] } } } },
        },
      },
      ['image a 1 -> 2'],
    ],
    [
      'other container fields through the generic fallback',
      app({ args: ['--a'] }),
      app({ args: ['--a', '--b'], readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }),
      [
        'spec.template.spec.containers[name=web].args: ["--a"] -> ["--a","--b"]',
        'spec.template.spec.containers[name=web].readinessProbe added: {"httpGet":{"path":"/ready","port":8080}}',
      ],
    ],
  ])('%s', (_, before, after, expected) => {
    expect(texts(before, after)).toEqual(expected);
  });
});

describe('semanticSummary of config, network, autoscaling and metadata', () => {
  const service = (type: string, ports: JsonObject[]): JsonObject => ({
    kind: 'Service',
    spec: { type, ports },
  });
  const ingress = (rules: JsonObject[]): JsonObject => ({ kind: 'Ingress', spec: { rules } });
  const rule = (host: string, paths: [string, string, number][]): JsonObject => ({
    host,
    http: {
      paths: paths.map(([path, name, number]) => ({
        path,
        backend: { service: { name, port: { number } } },
      })),
    },
  });
  const hpa = (min: number, max: number): JsonObject => ({
    kind: 'HorizontalPodAutoscaler',
    spec: { minReplicas: min, maxReplicas: max },
  });

  it.each<[string, JsonObject, JsonObject, string[]]>([
    [
      'ConfigMap keys, short values inline, long ones changed',
      configMap('c', { LOG: 'info', gone: 'x', 'app.yaml': 'a: 1\nb: 2\n' }),
      configMap('c', { LOG: 'warn', 'app.yaml': 'a: 1\nb: 3\n', added: 'v' }),
      ['key gone removed', 'key LOG: info -> warn', 'key app.yaml changed', 'key added added: v'],
    ],
    [
      'Secret keys only, with the unchanged ones',
      { kind: 'Secret', data: { a: '(redacted)', b: '(redacted)', c: '(redacted)' } },
      { kind: 'Secret', data: { a: '(redacted, changed)', b: '(redacted)', d: '(redacted)' } },
      ['secret key c removed', 'secret key a changed', 'secret key d added', 'secret keys unchanged: b'],
    ],
    [
      'SealedSecret keys',
      { kind: 'SealedSecret', spec: { encryptedData: { a: '(encrypted)' } } },
      { kind: 'SealedSecret', spec: { encryptedData: { a: '(encrypted, changed)' } } },
      ['encrypted key a changed'],
    ],
    [
      'Service type and ports',
      service('ClusterIP', [
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'old', port: 81 },
      ]),
      service('LoadBalancer', [
        { name: 'http', port: 80, targetPort: 9090 },
        { name: 'dns', port: 53, protocol: 'UDP' },
      ]),
      [
        'type ClusterIP -> LoadBalancer',
        'port old removed',
        'port http: 80 (target 8080) -> 80 (target 9090)',
        'port dns added: 53/UDP',
      ],
    ],
    [
      'Ingress hosts and paths',
      ingress([
        rule('a.example.com', [
          ['/', 'web', 80],
          ['/api', 'api', 80],
          ['/old', 'old', 80],
        ]),
        rule('gone.example.com', []),
      ]),
      ingress([
        rule('a.example.com', [
          ['/', 'web', 80],
          ['/api', 'api-v2', 8080],
          ['/new', 'new', 80],
        ]),
        rule('b.example.com', [['/', 'b', 80]]),
      ]),
      [
        'host gone.example.com removed',
        'path a.example.com/old removed',
        'path a.example.com/api: api:80 -> api-v2:8080',
        'path a.example.com/new added (new:80)',
        'host b.example.com added (/ -> b:80)',
      ],
    ],
    ['HPA bounds', hpa(2, 10), hpa(3, 20), ['min replicas 2 -> 3', 'max replicas 10 -> 20']],
    [
      'labels and annotations',
      { kind: 'X', metadata: { labels: { a: '1', gone: 'x' }, annotations: { note: 'old' } } },
      { kind: 'X', metadata: { labels: { a: '2', b: 'new' }, annotations: { note: 'new' } } },
      ['label gone removed', 'label a: 1 -> 2', 'label b added: new', 'annotation note: old -> new'],
    ],
  ])('%s', (_, before, after, expected) => {
    expect(texts(before, after)).toEqual(expected);
  });

  it('caps generic notes and says how many more fields changed', () => {
    const before = {
      kind: 'Widget',
      spec: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, i])),
    };
    const after = {
      kind: 'Widget',
      spec: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, i + 1])),
    };
    expect(texts(before, after)).toEqual([
      'spec.f0: 0 -> 1',
      'spec.f1: 1 -> 2',
      'spec.f2: 2 -> 3',
      'spec.f3: 3 -> 4',
      'spec.f4: 4 -> 5',
      'and 3 more fields',
    ]);
  });

  it('prints odd keys in brackets and never prints a marker as a value', () => {
    const before = { kind: 'Widget', spec: { 'a/b': 1, token: '(redacted)' } };
    const after = { kind: 'Widget', spec: { 'a/b': 2, token: '(redacted, changed)' } };
    expect(texts(before, after)).toEqual(['spec["a/b"]: 1 -> 2', 'spec.token changed (redacted)']);
  });
});

describe('describeResource', () => {
  it.each<[string, JsonObject, string[]]>([
    [
      'a Deployment',
      deployment('w', [{ name: 'w', image: 'app:1' }], { replicas: 3 }),
      ['image app:1', 'replicas 3'],
    ],
    [
      'a Deployment with several containers',
      deployment('w', [
        { name: 'w', image: 'app:1' },
        { name: 's', image: 'envoy:1' },
      ]),
      ['images w=app:1, s=envoy:1'],
    ],
    [
      'an HPA',
      { kind: 'HorizontalPodAutoscaler', spec: { minReplicas: 2, maxReplicas: 5 } },
      ['min replicas 2, max replicas 5'],
    ],
    ['a ConfigMap', configMap('c', { a: '1', b: '2' }), ['keys a, b']],
    ['a Secret', { kind: 'Secret', data: { a: '(redacted)' } }, ['secret keys a (values hidden)']],
    [
      'a Service',
      { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }] } },
      ['type ClusterIP, ports 80 (target 8080)'],
    ],
    [
      'an Ingress',
      { kind: 'Ingress', spec: { rules: [{ host: 'a.example.com' }] } },
      ['hosts a.example.com'],
    ],
    ['a CronJob', { kind: 'CronJob', spec: { schedule: '0 * * * *' } }, ['schedule 0 * * * *']],
    ['anything else', { kind: 'Namespace', metadata: { name: 'n' } }, []],
  ])('describes %s', (_, object, expected) => {
    expect(describeResource(object).map((n) => n.text)).toEqual(expected);
  });
});

describe('semanticSummary in parts, for the comment', () => {
  const parts = (before: JsonObject, after: JsonObject) => semanticSummary(before, after).map((n) => n.parts);

  it('names the image repository once, with the two versions', () => {
    // Act
    const notes = semanticSummary(
      app({ image: 'ghcr.io/acme/web:1.3.0' }),
      app({ image: 'ghcr.io/acme/web:1.4.2' }),
    );

    // Assert
    expect(notes).toEqual([
      {
        kind: 'image',
        text: 'image ghcr.io/acme/web 1.3.0 -> 1.4.2',
        parts: { label: 'image', subject: 'ghcr.io/acme/web', from: '1.3.0', to: '1.4.2' },
      },
    ]);
  });

  it('prints both references when the repository changes too', () => {
    // Assert
    expect(texts(app({ image: 'a/web:1' }), app({ image: 'b/web:1' }))).toEqual(['image a/web:1 -> b/web:1']);
  });

  it('shows a container port whose type changed as a type change, not as the same port twice', () => {
    // Arrange
    const before = app({ ports: [{ containerPort: 8080 }] });
    const after = app({ ports: [{ containerPort: '8080' }] });

    // Act
    const notes = semanticSummary(before, after);

    // Assert
    expect(notes.map((n) => n.text)).toEqual([
      'port 8080/TCP containerPort: 8080 -> "8080" (number -> string)',
    ]);
    expect(parts(before, after)).toEqual([
      {
        label: 'port 8080/TCP',
        subject: 'containerPort',
        from: '8080',
        to: '"8080"',
        suffix: ' (number -> string)',
      },
    ]);
  });

  it('shows a Service port whose type changed', () => {
    // Arrange
    const service = (port: number | string): JsonObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { ports: [{ name: 'http', port: 80, targetPort: port }] },
    });

    // Assert
    expect(texts(service(8080), service('8080'))).toEqual([
      'port http targetPort: 8080 -> "8080" (number -> string)',
    ]);
  });

  it('has no parts for a hidden value', () => {
    // Arrange
    const secret = (value: string): JsonObject => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: value },
    });

    // Assert
    expect(parts(secret('x'.repeat(100)), secret('y'.repeat(100)))).toEqual([undefined]);
  });
});
