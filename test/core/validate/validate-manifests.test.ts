import { describe, expect, it } from 'vitest';
import { countResults } from '../../../core/report/validate/count-results.ts';
import {
  CRD_LOCATION,
  FIXTURE_LOCATION,
  K8S_LOCATION,
  needingUpstreamSchemas,
  validateInline,
} from '../../helpers/schemas.ts';

const upstream = needingUpstreamSchemas();
const UPSTREAM_LOCATIONS = [K8S_LOCATION, CRD_LOCATION];

/** The kubeconform behaviours hold with the project's own small schemas and with the upstream ones. */
const SCHEMA_SETS = [
  { name: "the project's fixture schemas", describe, locations: [FIXTURE_LOCATION] },
  { name: 'the upstream schemas', describe: upstream.describe, locations: UPSTREAM_LOCATIONS },
];

const deployment = (spec: string, name = 'web') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
${spec}`;

const VALID_SPEC = `  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: main
          image: nginx:1.27
          ports:
            - containerPort: 80
`;

const RC = `apiVersion: v1
kind: ReplicationController
metadata:
  name: bob
spec:
  replicas: 2
  selector:
    app: nginx
  template:
    metadata:
      name: nginx
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
            - containerPort: 80
`;

for (const schemas of SCHEMA_SETS) {
  schemas.describe(`validateManifests: kubeconform behaviours, with ${schemas.name}`, () => {
    const validate = (...[files, options]: Parameters<typeof validateInline>) =>
      validateInline(files, options, schemas.locations);

    it('accepts a valid resource', async () => {
      const run = await validate({ 'rc.yaml': RC });
      expect(run.results.map((r) => [r.status, r.kind, r.name, r.apiVersion])).toEqual([
        ['valid', 'ReplicationController', 'bob', 'v1'],
      ]);
      expect(countResults(run.results)).toMatchObject({ resources: 1, valid: 1, files: 1 });
    });

    it('accepts the same resource as JSON', async () => {
      const json = JSON.stringify(
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{ port: 80 }] } },
        null,
        2,
      );
      const run = await validate({ 'svc.json': json });
      expect(run.results.map((r) => r.status)).toEqual(['valid']);
    });

    it('reports a string where an integer is expected, at the line of the field', async () => {
      const run = await validate({ 'bad.yaml': RC.replace('replicas: 2', 'replicas: "asd"') });
      const [result] = run.results;
      expect(result?.status).toBe('invalid');
      expect(result?.violations).toEqual([
        { path: '/spec/replicas', message: 'got string, want null or integer', line: 6, column: 3 },
      ]);
      expect(result?.message).toMatch(
        /^problem validating schema\. Check JSON formatting: jsonschema validation failed with 'file:\/\/\/.*\/replicationcontroller-v1\.json#' - at '\/spec\/replicas': got string, want null or integer$/,
      );
      expect(result?.findings).toEqual([
        expect.objectContaining({
          ruleId: 'schema',
          severity: 'error',
          path: 'bad.yaml',
          line: 6,
          column: 3,
          message: '/spec/replicas: got string, want null or integer',
        }),
      ]);
    });

    it.each([
      ['not strict', false, 'valid'],
      ['strict', true, 'invalid'],
    ])('catches a misspelled key only in strict mode (%s)', async (_name, strict, status) => {
      const run = await validate({ 'typo.yaml': RC.replace('  template:', '  templates:') }, { strict });
      expect(run.results[0]?.status).toBe(status);
      if (strict) {
        expect(run.results[0]?.violations).toContainEqual({
          path: '/spec',
          message: "additional properties 'templates' not allowed",
          line: 9,
          column: 3,
        });
      }
    });

    it.each([
      ['not strict', false, 'valid'],
      ['strict', true, 'error'],
    ])('treats duplicate keys as an error only in strict mode (%s)', async (_name, strict, status) => {
      const run = await validate(
        { 'dup.yaml': RC.replace('  replicas: 2\n', '  replicas: 2\n  replicas: 3\n') },
        { strict },
      );
      const [result] = run.results;
      expect(result?.status).toBe(status);
      if (strict) {
        expect(result?.message).toBe(
          'error unmarshalling resource: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key "replicas" already set in map',
        );
        expect(result?.findings[0]).toMatchObject({ ruleId: 'duplicate-key', line: 7, column: 3 });
      }
    });

    it('validates every document of a multi-document file, with Helm source comments between them', async () => {
      const text = `---\n# Source: chart/templates/a.yaml\n${RC}---\n# Source: chart/templates/b.yaml\n${RC.replace('containerPort: 80', 'containerPort: "eighty"').replace('bob', 'alice')}`;
      const run = await validate({ 'multi.yaml': text });
      expect(run.results.map((r) => [r.name, r.status])).toEqual([
        ['bob', 'valid'],
        ['alice', 'invalid'],
      ]);
      expect(run.results[1]?.violations?.[0]).toMatchObject({
        path: '/spec/template/spec/containers/0/ports/0/containerPort',
        line: 42,
      });
    });

    it('expands kind: List (any case) and validates each item at its own line', async () => {
      const list = `apiVersion: v1
kind: list
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: one
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: two
    data:
      key: 3
`;
      const run = await validate({
        'list.yaml': list,
        'empty-list.yaml': 'apiVersion: v1\nkind: List\nitems: []\n',
      });
      expect(run.results.map((r) => [r.filename, r.name ?? null, r.status, r.line])).toEqual([
        ['list.yaml', 'one', 'valid', 4],
        ['list.yaml', 'two', 'invalid', 8],
        ['empty-list.yaml', null, 'empty', 1],
      ]);
      expect(run.results[1]?.violations).toEqual([
        { path: '/data/key', message: 'got number, want null or string', line: 13, column: 7 },
      ]);
      expect(countResults(run.results)).toMatchObject({ resources: 2, files: 2 });
    });

    it.each([
      ['an empty file', ''],
      ['a file of comments', '# nothing here\n# at all\n'],
      ['separators only', '---\n---\n'],
    ])('counts %s as a file with no resource', async (_name, text) => {
      const run = await validate({ 'x.yaml': text });
      expect(run.results.map((r) => r.status)).toEqual(['empty']);
      expect(countResults(run.results)).toMatchObject({ resources: 0, files: 1 });
    });

    it.each([
      ['missing kind', 'apiVersion: v1\nmetadata:\n  name: x\n', "error while parsing: missing 'kind' key"],
      [
        'empty kind',
        'apiVersion: v1\nkind: ""\nmetadata:\n  name: x\n',
        "error while parsing: missing 'kind' key",
      ],
      [
        'missing apiVersion',
        'kind: ConfigMap\nmetadata:\n  name: x\n',
        "error while parsing: missing 'apiVersion' key",
      ],
    ])('reports %s', async (_name, text, message) => {
      const run = await validate({ 'x.yaml': text });
      expect(run.results[0]).toMatchObject({ status: 'error', message });
    });

    it.each([
      [
        'int-or-string port',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n      targetPort: http\n',
      ],
      [
        'null strings and arrays',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  namespace: null\nspec:\n  ports: null\n  clusterIP: ~\n',
      ],
      [
        'unusual key characters',
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    "example.com/a b": "1"\ndata:\n  "config.json": "{}"\n  ".dotfile": x\n',
      ],
    ])('accepts %s', async (_name, text) => {
      const run = await validate({ 'x.yaml': text }, { strict: true });
      expect(run.results.map((r) => [r.status, r.message])).toEqual([['valid', undefined]]);
    });

    it.each([
      [{}, 'error', 'could not find schema for Widget'],
      [{ ignoreMissingSchemas: true }, 'skipped', undefined],
    ])('handles a custom resource with no schema (%o)', async (options, status, message) => {
      const cr = 'apiVersion: acme.example/v1\nkind: Widget\nmetadata:\n  name: w\n';
      const run = await validate({ 'cr.yaml': cr }, options);
      expect(run.results[0]?.status).toBe(status);
      expect(run.results[0]?.message).toBe(message);
    });

    it('skips and rejects by kind or apiVersion/Kind, skip first', async () => {
      const files = { 'rc.yaml': RC, 'd.yaml': deployment(VALID_SPEC) };
      const skipped = await validate(files, {
        skip: ['v1/ReplicationController'],
        reject: ['ReplicationController'],
      });
      expect(skipped.results.map((r) => r.status)).toEqual(['skipped', 'valid']);
      const rejected = await validate(files, { reject: ['apps/v1/Deployment'] });
      expect(rejected.results[1]).toMatchObject({
        status: 'error',
        message: 'prohibited resource kind Deployment',
      });
      const otherVersion = await validate(files, { skip: ['v2/ReplicationController'] });
      expect(otherVersion.results[0]?.status).toBe('valid');
    });

    it('stops at the first failure with exitOnError', async () => {
      const run = await validate(
        { 'a.yaml': RC.replace('replicas: 2', 'replicas: x'), 'b.yaml': RC },
        { exitOnError: true },
      );
      expect(run.stopped).toBe(true);
      expect(run.results.map((r) => r.filename)).toEqual(['a.yaml']);
    });
  });
}

upstream.describe(
  'validateManifests: kubeconform behaviours with kinds only the upstream schemas have',
  () => {
    const validate = (...[files, options]: Parameters<typeof validateInline>) =>
      validateInline(files, options, UPSTREAM_LOCATIONS);

    it('accepts quantities as strings and integers', async () => {
      const text =
        'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: l\nspec:\n  limits:\n    - default:\n        memory: 512Mi\n        cpu: 1\n      type: Container\n';
      const run = await validate({ 'x.yaml': text }, { strict: true });
      expect(run.results.map((r) => [r.status, r.message])).toEqual([['valid', undefined]]);
    });

    it('names resources with generateName as kubeconform does', async () => {
      const job = `apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: pi-\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: pi\n          image: perl\n`;
      const run = await validate({ 'job.yaml': job });
      expect(run.results[0]).toMatchObject({ status: 'valid', name: 'pi-{{ generateName }}' });
    });

    it('resolves groups with full domain names through the CRD catalog location', async () => {
      const app = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  project: default\n  source:\n    repoURL: https://example.com/repo.git\n    path: envs/dev\n  destination:\n    server: https://kubernetes.default.svc\n    namespace: dev\n`;
      const run = await validate({ 'app.yaml': app });
      expect(run.results[0]).toMatchObject({ status: 'valid', kind: 'Application' });
    });

    it('validates a Flux interval with the duration format', async () => {
      const ks = (interval: string) =>
        `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\nspec:\n  interval: ${interval}\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: repo\n`;
      const run = await validate({ 'good.yaml': ks('5m'), 'bad.yaml': ks('five') });
      expect(run.results.map((r) => r.status)).toEqual(['valid', 'invalid']);
    });
  },
);

describe('validateManifests: beyond kubeconform', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.acme.example
spec:
  group: acme.example
  scope: Namespaced
  names:
    kind: Widget
    plural: widgets
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size:
                  type: integer
                color:
                  type: string
                  enum: [red, blue]
`;
  const widget = (spec: string) =>
    `apiVersion: acme.example/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;

  it('validates custom resources with a CRD from the same input, strict included', async () => {
    const files = {
      'crd.yaml': crd,
      'ok.yaml': widget('  size: 3\n  color: red\n'),
      'bad.yaml': widget('  size: big\n  colour: red\n'),
    };
    const loose = await validateInline(files);
    expect(loose.results.map((r) => [r.filename, r.status])).toEqual([
      ['crd.yaml', 'valid'],
      ['ok.yaml', 'valid'],
      ['bad.yaml', 'invalid'],
    ]);
    expect(loose.results[2]?.violations).toEqual([
      { path: '/spec/size', message: 'got string, want integer', line: 6, column: 3 },
    ]);
    const strict = await validateInline(files, { strict: true });
    expect(strict.results[2]?.violations?.map((v) => v.message)).toEqual([
      'got string, want integer',
      "additional properties 'colour' not allowed",
    ]);
    expect(strict.results[2]?.message).toContain('crd.yaml:1 (CustomResourceDefinition Widget.acme.example)');
  });

  it('does not use input CRDs when told not to', async () => {
    const run = await validateInline(
      { 'crd.yaml': crd, 'ok.yaml': widget('  size: 3\n') },
      { crdsFromInput: false },
    );
    expect(run.results[1]).toMatchObject({ status: 'error', message: 'could not find schema for Widget' });
  });

  it('warns about a deprecated apiVersion and fails a removed one for the target version', async () => {
    const hpa = `apiVersion: autoscaling/v2beta2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 3\n`;
    const removed = await validateInline({ 'hpa.yaml': hpa }, { kubernetesVersion: '1.31.0' });
    expect(removed.results[0]).toMatchObject({ status: 'error' });
    expect(removed.results[0]?.findings[0]).toMatchObject({
      ruleId: 'removed-api',
      severity: 'error',
      line: 1,
      column: 1,
    });
    expect(removed.results[0]?.message).toMatch(/removed in Kubernetes v1\.26.*autoscaling\/v2/);
    const deprecated = await validateInline(
      { 'hpa.yaml': hpa },
      { kubernetesVersion: '1.23.0', ignoreMissingSchemas: true },
    );
    expect(deprecated.results[0]?.findings).toContainEqual(
      expect.objectContaining({ ruleId: 'deprecated-api', severity: 'warning', line: 1 }),
    );
  });

  it('warns about the same resource defined twice in one folder, not across folders', async () => {
    const cm = (ns: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: ${ns}\n`;
    const run = await validateInline({
      'envs/dev/a.yaml': cm('dev'),
      'envs/dev/b.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n---\n${cm('dev')}`,
      'envs/prod/a.yaml': cm('dev'),
    });
    const warnings = run.results.flatMap((r) => r.findings).filter((f) => f.ruleId === 'duplicate-resource');
    expect(warnings).toEqual([
      expect.objectContaining({
        path: 'envs/dev/b.yaml',
        line: 6,
        message: expect.stringContaining('ConfigMap dev/app is already defined at envs/dev/a.yaml:1'),
      }),
    ]);
  });
});

describe('validateManifests: bad input', () => {
  it.each([
    ['malformed YAML', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n', 6],
    ['a document that is a scalar', 'just a string\n', 1],
    ['a document that is a list', '- a\n- b\n', 1],
    [
      'an alias bomb',
      `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`,
      5,
    ],
  ])(
    'turns %s into an error at its line and still validates the other documents',
    async (_name, bad, line) => {
      const run = await validateInline({ 'bad.yaml': `${bad}---\n${RC}`, 'good.yaml': RC });
      expect(run.results.map((r) => r.status)).toEqual(['error', 'valid', 'valid']);
      expect(run.results[0]).toMatchObject({ filename: 'bad.yaml', line });
      expect(run.results[0]?.findings[0]).toMatchObject({ path: 'bad.yaml', line });
    },
  );

  it('reports a binary file and a file that is not UTF-8 with the line of the bad byte', async () => {
    const binary = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    const latin1 = new Uint8Array([...new TextEncoder().encode('a: 1\nb: caf'), 0xe9, 0x0a]);
    const run = await validateInline({ 'image.yaml': binary, 'latin1.yaml': latin1, 'good.yaml': RC });
    expect(run.results.map((r) => [r.filename, r.status, r.line])).toEqual([
      ['image.yaml', 'error', 3],
      ['latin1.yaml', 'error', 2],
      ['good.yaml', 'valid', 1],
    ]);
    expect(run.results[0]?.message).toMatch(/binary file/);
    expect(run.results[1]?.message).toMatch(/not valid UTF-8 \(byte 0xe9/);
  });

  it('reads a 50 MiB file without crashing and validates what is in it', async () => {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: "${'x'.repeat(50 * 1024 * 1024)}"\n`;
    const run = await validateInline({ 'big.yaml': `${doc}---\n${RC}` });
    expect(run.results.map((r) => r.status)).toEqual(['valid', 'valid']);
  });

  it('handles CRLF line breaks and a byte order mark', async () => {
    const text = `\ufeff${RC.replace('replicas: 2', 'replicas: x').replaceAll('\n', '\r\n')}`;
    const run = await validateInline({ 'crlf.yaml': text });
    expect(run.results[0]?.violations?.[0]).toMatchObject({ path: '/spec/replicas', line: 6 });
  });

  it('turns an unreadable input into an error result', async () => {
    const run = await validateInline({
      'fixtures/not-here': { error: 'lstat fixtures/not-here: no such file or directory' },
      'good.yaml': RC,
    });
    expect(run.results).toEqual([
      expect.objectContaining({
        filename: 'fixtures/not-here',
        status: 'error',
        message: 'lstat fixtures/not-here: no such file or directory',
      }),
      expect.objectContaining({ filename: 'good.yaml', status: 'valid' }),
    ]);
  });
});
