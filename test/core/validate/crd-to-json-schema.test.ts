import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createAjv } from '../../../core/validate/create-ajv.ts';
import { crdToJsonSchemas, type CrdSchema } from '../../../core/validate/crd-to-json-schema.ts';

type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return parse(readFileSync(new URL(`../../fixtures/crds/${name}`, import.meta.url), 'utf8')) as Json;
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `changes` merged in; `undefined` removes a key, arrays and scalars replace. */
function withChanges(base: Json, changes: Json): Json {
  const result: Json = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const current = result[key];
    if (value === undefined) delete result[key];
    else if (isPlainObject(value) && isPlainObject(current)) result[key] = withChanges(current, value);
    else result[key] = value;
  }
  return result;
}

function identity(schema: CrdSchema): Omit<CrdSchema, 'schema'> {
  return { group: schema.group, kind: schema.kind, version: schema.version, apiVersion: schema.apiVersion };
}

/** Paths of the failing fields (an unknown field is named by its own path), sorted, each once. */
function errorPaths(errors: ErrorObject[] | null | undefined): string[] {
  const paths = (errors ?? []).map((error) =>
    error.keyword === 'additionalProperties'
      ? `${error.instancePath}/${String(error.params['additionalProperty'])}`
      : error.instancePath,
  );
  return [...new Set(paths)].sort();
}

/** Converts `crd`, compiles the schema of `version` with the project's ajv and validates `resource`. */
function violations(crd: unknown, version: string, strict: boolean, resource: Json): string[] {
  const entry = crdToJsonSchemas(crd, { strict }).schemas.find((schema) => schema.version === version);
  if (entry === undefined) throw new Error(`no schema for version ${version}`);
  const validate = createAjv().compile(entry.schema);
  validate(resource);
  return errorPaths(validate.errors);
}

/** A v1 CRD with one served version `v1` whose openAPIV3Schema is `schema`. */
function crdWithSchema(schema: unknown, extra: Json = {}): Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'things.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Thing', plural: 'things' },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema }, ...extra }],
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

describe('crdToJsonSchemas: versions', () => {
  it('returns one schema per served version of a v1 CRD', () => {
    // Arrange
    const crd = fixture('widgets-v1.yaml');

    // Act
    const { schemas, problems } = crdToJsonSchemas(crd, { strict: true });

    // Assert
    expect(schemas.map(identity)).toEqual([
      {
        group: 'widgets.example.io',
        kind: 'Widget',
        version: 'v1beta1',
        apiVersion: 'widgets.example.io/v1beta1',
      },
      { group: 'widgets.example.io', kind: 'Widget', version: 'v1', apiVersion: 'widgets.example.io/v1' },
    ]);
    expect(problems).toEqual([]);
  });

  it('reads a v1beta1 CRD: spec.validation is shared by the served versions', () => {
    // Arrange
    const crd = fixture('gadgets-v1beta1.yaml');

    // Act
    const { schemas, problems } = crdToJsonSchemas(crd, { strict: false });

    // Assert
    expect(schemas.map(identity)).toEqual([
      { group: 'legacy.example.com', kind: 'Gadget', version: 'v2', apiVersion: 'legacy.example.com/v2' },
      { group: 'legacy.example.com', kind: 'Gadget', version: 'v1', apiVersion: 'legacy.example.com/v1' },
    ]);
    expect(schemas[0]?.schema).toEqual(
      withChanges(schemas[1]?.schema ?? {}, {
        properties: { apiVersion: { enum: ['legacy.example.com/v2'] } },
      }),
    );
    expect(problems).toEqual([]);
  });

  it('reads a v1beta1 CRD with spec.version only and no schema as one version that accepts any object', () => {
    // Arrange
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1beta1',
      kind: 'CustomResourceDefinition',
      spec: { group: 'old.example.com', version: 'v1alpha1', names: { kind: 'Relic', plural: 'relics' } },
    };
    const relic = {
      apiVersion: 'old.example.com/v1alpha1',
      kind: 'Relic',
      metadata: { name: 'r' },
      anything: [1],
    };

    // Act
    const { schemas, problems } = crdToJsonSchemas(crd, { strict: true });

    // Assert
    expect(schemas.map(identity)).toEqual([
      {
        group: 'old.example.com',
        kind: 'Relic',
        version: 'v1alpha1',
        apiVersion: 'old.example.com/v1alpha1',
      },
    ]);
    expect(problems).toEqual([]);
    expect(violations(crd, 'v1alpha1', true, relic)).toEqual([]);
    expect(violations(crd, 'v1alpha1', true, { ...relic, kind: 'Other' })).toEqual(['/kind']);
  });

  it('prefers the per-version schema of a v1beta1 CRD to spec.validation', () => {
    // Arrange
    const perVersion = { type: 'object', properties: { spec: { type: 'object', required: ['b'] } } };
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1beta1',
      kind: 'CustomResourceDefinition',
      spec: {
        group: 'old.example.com',
        names: { kind: 'Relic' },
        validation: {
          openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', required: ['a'] } } },
        },
        versions: [
          { name: 'v1', served: true, storage: true },
          { name: 'v2', served: true, storage: false, schema: { openAPIV3Schema: perVersion } },
        ],
      },
    };
    const resource = (version: string): Json => ({
      apiVersion: `old.example.com/${version}`,
      kind: 'Relic',
      spec: { a: 1 },
    });

    // Act
    const v1 = violations(crd, 'v1', false, resource('v1'));
    const v2 = violations(crd, 'v2', false, resource('v2'));

    // Assert
    expect(v1).toEqual([]);
    expect(v2).toEqual(['/spec']);
  });

  it('does not change the CRD it reads', () => {
    // Arrange
    const crd = deepFreeze(fixture('widgets-v1.yaml'));
    const before = JSON.stringify(crd);

    // Act
    const { schemas, problems } = crdToJsonSchemas(crd, { strict: true });

    // Assert
    expect(JSON.stringify(crd)).toBe(before);
    expect(problems).toEqual([]);
    expect(schemas).toHaveLength(2);
  });
});

const CRONTAB: Json = {
  apiVersion: 'stable.example.com/v1',
  kind: 'CronTab',
  metadata: {
    name: 'my-new-cron-object',
    namespace: 'default',
    labels: { app: 'cron' },
    annotations: { a: 'b' },
  },
  spec: { cronSpec: '* * * * */5', image: 'my-awesome-cron-image', replicas: 3 },
};

describe('crdToJsonSchemas: the CronTab of the Kubernetes documentation', () => {
  const crd = fixture('crontab-v1.yaml');

  it.each<[string, Json, string[], string[]]>([
    ['the documentation example', {}, [], []],
    ['an unknown field in spec', { spec: { cronSpecc: '* * * * *' } }, [], ['/spec/cronSpecc']],
    ['an unknown field at the root', { spekc: {} }, [], ['/spekc']],
    ['replicas above the maximum', { spec: { replicas: 11 } }, ['/spec/replicas'], ['/spec/replicas']],
    ['replicas as a string', { spec: { replicas: '3' } }, ['/spec/replicas'], ['/spec/replicas']],
    [
      'a cronSpec that does not match the pattern',
      { spec: { cronSpec: 'hourly' } },
      ['/spec/cronSpec'],
      ['/spec/cronSpec'],
    ],
    ['a missing required field', { spec: { image: undefined } }, ['/spec'], ['/spec']],
    ['a CEL rule, which is not evaluated', { spec: { replicas: 7 } }, [], []],
    [
      'a name longer than the CRD allows',
      { metadata: { name: 'x'.repeat(21) } },
      ['/metadata/name'],
      ['/metadata/name'],
    ],
    [
      'ObjectMeta fields the CRD does not list',
      {
        metadata: {
          name: undefined,
          generateName: 'cron-',
          finalizers: ['example.com/cleanup'],
          creationTimestamp: null,
          ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'f0e1d2c3' }],
        },
      },
      [],
      [],
    ],
    ['a field ObjectMeta does not have', { metadata: { colour: 'red' } }, [], ['/metadata/colour']],
    [
      'a label value that is a number',
      { metadata: { labels: { version: 1.5 } } },
      ['/metadata/labels/version'],
      ['/metadata/labels/version'],
    ],
    ['any status, since the status subresource is on', { status: { replicas: 'many', other: true } }, [], []],
    ['another apiVersion', { apiVersion: 'stable.example.com/v2' }, ['/apiVersion'], ['/apiVersion']],
    ['another kind', { kind: 'CronJob' }, ['/kind'], ['/kind']],
    ['no kind', { kind: undefined }, [''], ['']],
  ])('%s', (_name, changes, lax, strict) => {
    // Arrange
    const resource = withChanges(CRONTAB, changes);

    // Act
    const laxErrors = violations(crd, 'v1', false, resource);
    const strictErrors = violations(crd, 'v1', true, resource);

    // Assert
    expect(laxErrors).toEqual(lax);
    expect(strictErrors).toEqual(strict);
  });
});

const WIDGET: Json = {
  apiVersion: 'widgets.example.io/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  spec: { size: 3, replicas: 2, interval: '10m' },
};

const POD_TEMPLATE: Json = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'c', labels: { a: 'b' } },
  data: { key: 'value' },
};

describe('crdToJsonSchemas: structural schema extensions', () => {
  const crd = fixture('widgets-v1.yaml');

  it.each<[string, Json, string[], string[]]>([
    ['the base widget', {}, [], []],
    ['an unknown field in spec', { spec: { colour: 'red' } }, [], ['/spec/colour']],
    // x-kubernetes-int-or-string and format: int-or-string
    ['int-or-string given 1', { spec: { size: 1 } }, [], []],
    ['int-or-string given "50%"', { spec: { size: '50%' } }, [], []],
    ['int-or-string given true', { spec: { size: true } }, ['/spec/size'], ['/spec/size']],
    ['int-or-string given 1.5', { spec: { size: 1.5 } }, ['/spec/size'], ['/spec/size']],
    ['format int-or-string given 1', { spec: { maxUnavailable: 1 } }, [], []],
    ['format int-or-string given "25%"', { spec: { maxUnavailable: '25%' } }, [], []],
    [
      'format int-or-string given a list',
      { spec: { maxUnavailable: ['1'] } },
      ['/spec/maxUnavailable'],
      ['/spec/maxUnavailable'],
    ],
    // required with a default
    [
      'required fields with defaults left out',
      { spec: { replicas: undefined, interval: undefined } },
      [],
      [],
    ],
    ['a required field without a default left out', { spec: { size: undefined } }, ['/spec'], ['/spec']],
    [
      'a defaulted field given a bad value',
      { spec: { interval: 'soon' } },
      ['/spec/interval'],
      ['/spec/interval'],
    ],
    // nullable
    ['null for a nullable string', { spec: { note: null } }, [], []],
    ['null for a nullable enum', { spec: { mode: null } }, [], []],
    ['a value outside a nullable enum', { spec: { mode: 'Medium' } }, ['/spec/mode'], ['/spec/mode']],
    ['null for a nullable object', { spec: { owner: null } }, [], []],
    ['null for a nullable int-or-string', { spec: { tolerance: null } }, [], []],
    [
      'null for an integer that is not nullable',
      { spec: { replicas: null } },
      ['/spec/replicas'],
      ['/spec/replicas'],
    ],
    [
      'null for an int-or-string that is not nullable',
      { spec: { size: null } },
      ['/spec/size'],
      ['/spec/size'],
    ],
    [
      'an unknown field in a nullable object',
      { spec: { owner: { name: 'a', team: 'b' } } },
      [],
      ['/spec/owner/team'],
    ],
    // x-kubernetes-preserve-unknown-fields
    [
      'any object where unknown fields are preserved',
      { spec: { config: { any: [1, { deep: true }] } } },
      [],
      [],
    ],
    ['any scalar where unknown fields are preserved', { spec: { config: 'text' } }, [], []],
    ['unknown fields next to known ones', { spec: { settings: { level: 2, extra: 'x' } } }, [], []],
    [
      'known fields where unknown ones are preserved',
      { spec: { settings: { level: 'high' } } },
      ['/spec/settings/level'],
      ['/spec/settings/level'],
    ],
    [
      'an unknown field one level further down',
      { spec: { settings: { nested: { flag: true, other: 1 } } } },
      [],
      ['/spec/settings/nested/other'],
    ],
    // x-kubernetes-embedded-resource
    ['an embedded resource', { spec: { template: POD_TEMPLATE } }, [], []],
    [
      'an embedded resource without kind',
      { spec: { template: { apiVersion: 'v1' } } },
      ['/spec/template'],
      ['/spec/template'],
    ],
    [
      'an embedded resource whose label is a number',
      { spec: { template: { ...POD_TEMPLATE, metadata: { labels: { a: 1 } } } } },
      ['/spec/template/metadata/labels/a'],
      ['/spec/template/metadata/labels/a'],
    ],
    [
      'an embedded resource that prunes unknown fields',
      { spec: { strictTemplate: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { any: 1 }, extra: 1 } } },
      [],
      ['/spec/strictTemplate/extra'],
    ],
    // x-kubernetes-list-type: set, maps, status without the subresource
    ['a set with a duplicate', { spec: { tags: ['a', 'b', 'a'] } }, ['/spec/tags'], ['/spec/tags']],
    ['a map of strings', { spec: { selector: { app: 'x', tier: 'y' } } }, [], []],
    [
      'a map of strings with a number',
      { spec: { selector: { app: 1 } } },
      ['/spec/selector/app'],
      ['/spec/selector/app'],
    ],
    [
      'a status that breaks the status schema',
      { status: { ready: 'yes' } },
      ['/status/ready'],
      ['/status/ready'],
    ],
    ['no spec', { spec: undefined }, [''], ['']],
  ])('%s', (_name, changes, lax, strict) => {
    // Arrange
    const resource = withChanges(WIDGET, changes);

    // Act
    const laxErrors = violations(crd, 'v1', false, resource);
    const strictErrors = violations(crd, 'v1', true, resource);

    // Assert
    expect(laxErrors).toEqual(lax);
    expect(strictErrors).toEqual(strict);
  });

  it('keeps every unknown field of a version whose root preserves them, even in strict mode', () => {
    // Arrange
    const resource = {
      ...WIDGET,
      apiVersion: 'widgets.example.io/v1beta1',
      spec: { anything: { goes: true } },
    };

    // Act
    const errors = violations(crd, 'v1beta1', true, resource);

    // Assert
    expect(errors).toEqual([]);
  });
});

const GADGET: Json = {
  apiVersion: 'legacy.example.com/v2',
  kind: 'Gadget',
  metadata: { name: 'g' },
  spec: { color: 'red', weight: 1.5 },
};

describe('crdToJsonSchemas: allOf, anyOf, oneOf and not', () => {
  const crd = crdWithSchema({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          port: { type: 'integer', default: 80 },
          socket: { type: 'string' },
          level: { type: 'integer' },
        },
        oneOf: [{ required: ['port'] }, { required: ['socket'] }],
        anyOf: [{ properties: { level: { minimum: 1 } } }],
        not: { required: ['level', 'socket'] },
      },
    },
  });

  it.each<[string, Json, string[]]>([
    ['a port and no socket', { port: 8080 }, []],
    // The API server defaults port to 80 first, and then both oneOf branches match.
    ['a socket, which the defaulted port makes match both branches', { socket: '/run/app.sock' }, ['/spec']],
    ['nothing, since the default of port satisfies its branch', {}, []],
    ['a constraint from a branch broken', { socket: '/s', level: 0 }, ['/spec', '/spec/level']],
    ['fields that no branch lists, never closed by a branch', { port: 8080, level: 2 }, []],
    ['an unknown field, closed by the node itself', { port: 8080, extra: true }, ['/spec/extra']],
  ])('%s', (_name, spec, strict) => {
    // Arrange
    const resource = { apiVersion: 'example.com/v1', kind: 'Thing', spec };

    // Act
    const errors = violations(crd, 'v1', true, resource);

    // Assert
    expect(errors).toEqual(strict);
  });
});

describe('crdToJsonSchemas: a v1beta1 CRD', () => {
  const crd = fixture('gadgets-v1beta1.yaml');

  it.each<[string, Json, string[], string[]]>([
    ['a valid gadget', {}, [], []],
    ['a color outside the enum', { spec: { color: 'pink' } }, ['/spec/color'], ['/spec/color']],
    ['a weight on the exclusive minimum', { spec: { weight: 0 } }, ['/spec/weight'], ['/spec/weight']],
    ['an unknown field, with preserveUnknownFields: false', { spec: { size: 2 } }, [], ['/spec/size']],
    ['any status, with the top-level status subresource', { status: { anything: 1 } }, [], []],
  ])('%s', (_name, changes, lax, strict) => {
    // Arrange
    const resource = withChanges(GADGET, changes);

    // Act
    const laxErrors = violations(crd, 'v2', false, resource);
    const strictErrors = violations(crd, 'v2', true, resource);

    // Assert
    expect(laxErrors).toEqual(lax);
    expect(strictErrors).toEqual(strict);
  });

  it('keeps unknown fields in strict mode when preserveUnknownFields is left at its v1beta1 default', () => {
    // Arrange
    const spec = fixture('gadgets-v1beta1.yaml')['spec'] as Json;
    const preserving = { ...crd, spec: withChanges(spec, { preserveUnknownFields: undefined }) };
    const resource = withChanges(GADGET, { spec: { size: 2 }, extra: true });

    // Act
    const errors = violations(preserving, 'v2', true, resource);

    // Assert
    expect(errors).toEqual([]);
  });
});

describe('crdToJsonSchemas: a real-world CRD (modelled on Kargo Warehouse)', () => {
  const crd = fixture('kargo-warehouse-v1alpha1.yaml');
  // As in akuity/kargo-simple: no spec.interval, which is required and has a default.
  const warehouse: Json = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Warehouse',
    metadata: { name: 'guestbook', namespace: 'kargo-simple' },
    spec: { subscriptions: [{ image: { repoURL: 'ghcr.io/akuity/guestbook', discoveryLimit: 5 } }] },
  };

  it.each<[string, Json, string[]]>([
    ['the warehouse of kargo-simple', {}, []],
    [
      'a git subscription whose branch uses the RE2-only escape',
      { spec: { subscriptions: [{ git: { repoURL: 'https://x', branch: 'main' } }] } },
      [],
    ],
    [
      'a branch the pattern rejects',
      { spec: { subscriptions: [{ git: { repoURL: 'https://x', branch: 'feat/x' } }] } },
      ['/spec/subscriptions/0/git/branch'],
    ],
    ['no subscriptions', { spec: { subscriptions: [] } }, ['/spec/subscriptions']],
    [
      'a discovery limit above the maximum',
      { spec: { subscriptions: [{ image: { repoURL: 'nginx', discoveryLimit: 101 } }] } },
      ['/spec/subscriptions/0/image/discoveryLimit'],
    ],
    [
      'a misspelt field',
      { spec: { subscriptions: [{ image: { repoUrl: 'nginx' } }] } },
      ['/spec/subscriptions/0/image', '/spec/subscriptions/0/image/repoUrl'],
    ],
  ])('%s', (_name, changes, strict) => {
    // Arrange
    const resource = withChanges(warehouse, changes);

    // Act
    const errors = violations(crd, 'v1alpha1', true, resource);

    // Assert
    expect(errors).toEqual(strict);
  });
});

const SCHEMA = '/spec/versions/0/schema/openAPIV3Schema';

function cyclicSchema(): Json {
  const node: Json = { type: 'object', properties: {} };
  (node['properties'] as Json)['self'] = node;
  return node;
}

describe('crdToJsonSchemas: problems', () => {
  it.each<[string, unknown, { message: string; path: string }[], number]>([
    ['a string', 'garbage', [{ message: 'a CustomResourceDefinition must be an object', path: '' }], 0],
    [
      'another kind',
      { kind: 'Deployment' },
      [{ message: 'kind must be CustomResourceDefinition', path: '/kind' }],
      0,
    ],
    [
      'no spec',
      { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' },
      [{ message: 'spec must be an object', path: '/spec' }],
      0,
    ],
    [
      'no group and no kind',
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        spec: { names: {}, versions: [] },
      },
      [
        { message: 'spec.group is required', path: '/spec/group' },
        { message: 'spec.names.kind is required', path: '/spec/names/kind' },
      ],
      0,
    ],
    [
      'an unknown apiVersion',
      { ...crdWithSchema(undefined), apiVersion: 'apiextensions.k8s.io/v2' },
      [
        {
          message:
            'apiVersion must be apiextensions.k8s.io/v1 or apiextensions.k8s.io/v1beta1; read as apiextensions.k8s.io/v1',
          path: '/apiVersion',
        },
      ],
      1,
    ],
    [
      'versions that is not a list',
      withChanges(crdWithSchema(undefined), { spec: { versions: 'v1' } }),
      [{ message: 'spec.versions must be a list of versions', path: '/spec/versions' }],
      0,
    ],
    [
      'a version without a name',
      withChanges(crdWithSchema(undefined), { spec: { versions: [{ served: true }, 'v2'] } }),
      [
        { message: 'version name is required; version ignored', path: '/spec/versions/0/name' },
        { message: 'a version must be an object; ignored', path: '/spec/versions/1' },
      ],
      0,
    ],
    [
      'a version schema that is not an object',
      withChanges(crdWithSchema(undefined), {
        spec: { versions: [{ name: 'v1', served: true, schema: 'open' }] },
      }),
      [
        {
          message: 'openAPIV3Schema must be an object; any object is accepted',
          path: '/spec/versions/0/schema',
        },
      ],
      1,
    ],
    [
      'an openAPIV3Schema that is a list',
      crdWithSchema([]),
      [{ message: 'openAPIV3Schema must be an object; any object is accepted', path: SCHEMA }],
      1,
    ],
    [
      'a root of type string',
      crdWithSchema({ type: 'string' }),
      [{ message: 'the root of the schema must be of type object', path: `${SCHEMA}/type` }],
      1,
    ],
    [
      'a $ref and definitions',
      crdWithSchema({
        type: 'object',
        definitions: {},
        properties: { spec: { $ref: '#/definitions/Spec' } },
      }),
      [
        {
          message: 'definitions is not supported in a structural CRD schema; ignored',
          path: `${SCHEMA}/definitions`,
        },
        {
          message: '$ref is not supported in a structural CRD schema; ignored',
          path: `${SCHEMA}/properties/spec/$ref`,
        },
      ],
      1,
    ],
    [
      'keywords with values of the wrong shape',
      crdWithSchema({
        type: 'object',
        required: 'spec',
        properties: { 'a/b': { type: 'map', minimum: 'one', pattern: '(', nullable: 'yes' } },
      }),
      [
        { message: 'required must be an array of strings; ignored', path: `${SCHEMA}/required` },
        { message: 'nullable must be a boolean; ignored', path: `${SCHEMA}/properties/a~1b/nullable` },
        {
          message: 'type must be one of object, array, string, integer, number, boolean; ignored',
          path: `${SCHEMA}/properties/a~1b/type`,
        },
        { message: 'minimum must be a number; ignored', path: `${SCHEMA}/properties/a~1b/minimum` },
        {
          message: 'pattern must be a valid regular expression; ignored',
          path: `${SCHEMA}/properties/a~1b/pattern`,
        },
      ],
      1,
    ],
    [
      'an unknown keyword and a schema that is not an object',
      crdWithSchema({ type: 'object', properties: { a: { const: 1 }, b: 'string' } }),
      [
        { message: 'unknown keyword const; ignored', path: `${SCHEMA}/properties/a/const` },
        { message: 'schema must be an object; ignored', path: `${SCHEMA}/properties/b` },
      ],
      1,
    ],
    [
      'a schema that contains itself',
      crdWithSchema(cyclicSchema()),
      [{ message: 'schema contains itself; ignored', path: `${SCHEMA}/properties/self` }],
      1,
    ],
  ])('reports %s', (_name, crd, problems, count) => {
    // Act
    const conversion = crdToJsonSchemas(crd, { strict: true });

    // Assert
    expect(conversion.problems).toEqual(problems);
    expect(conversion.schemas).toHaveLength(count);
    for (const { schema } of conversion.schemas) expect(() => createAjv().compile(schema)).not.toThrow();
  });

  it('drops what it reports and still validates the rest', () => {
    // Arrange
    const crd = crdWithSchema({
      type: 'object',
      properties: { spec: { type: 'object', properties: { name: { type: 'string', pattern: '(' } } } },
    });
    const resource = { apiVersion: 'example.com/v1', kind: 'Thing', spec: { name: 1 } };

    // Act
    const errors = violations(crd, 'v1', true, resource);

    // Assert
    expect(errors).toEqual(['/spec/name']);
  });
});

const KEYWORDS = [
  'type',
  'format',
  'pattern',
  'enum',
  'required',
  'default',
  'minimum',
  'maxLength',
  'exclusiveMinimum',
  'multipleOf',
  'uniqueItems',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'additionalItems',
  'dependencies',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'nullable',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type',
  '$ref',
  'id',
  'description',
];

const { schema: arbitrarySchema } = fc.letrec((tie) => ({
  schema: fc.dictionary(fc.constantFrom(...KEYWORDS), tie('value'), { maxKeys: 4 }),
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      'object',
      'array',
      'string',
      'integer',
      'int-or-string',
      'set',
      '(',
      '^a+$',
      0,
      -1,
      2.5,
      true,
      null,
    ),
    fc.jsonValue({ maxDepth: 1 }),
    tie('schema'),
    fc.array(tie('schema'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('schema'), { maxKeys: 3 }),
  ),
}));

describe('crdToJsonSchemas: any input', () => {
  it('never throws on any value, and returns plain JSON', () => {
    fc.assert(
      fc.property(fc.anything(), fc.boolean(), (crd, strict) => {
        const conversion = crdToJsonSchemas(crd, { strict });
        expect(() => JSON.stringify(conversion)).not.toThrow();
      }),
    );
  });

  it('never throws on schema-like garbage, and every schema it returns compiles and runs', () => {
    fc.assert(
      fc.property(
        arbitrarySchema,
        fc.boolean(),
        // ajv's deep equality (enum, uniqueItems) calls a `valueOf` or `toString` key of the data:
        // keep such keys out of the generated resources.
        fc.jsonValue({ maxDepth: 3 }).filter((value) => !/"(valueOf|toString)"/.test(JSON.stringify(value))),
        (schema, strict, resource) => {
          const conversion = crdToJsonSchemas(crdWithSchema(schema), { strict });
          expect(conversion.schemas).toHaveLength(1);
          const validate = createAjv().compile(conversion.schemas[0]?.schema ?? {});
          expect(typeof validate(resource)).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});
