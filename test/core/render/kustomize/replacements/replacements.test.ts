import { describe, expect, it } from 'vitest';
import type { JsonValue, JsonObject } from '../../../../../core/manifests/json-value.ts';
import { applyReplacements } from '../../../../../core/render/kustomize/replacements/replacements.ts';

// Every expected value below was produced by `kubectl kustomize` (kustomize v5.5.0) over these
// three resources and the same `replacements:` entry.
function fixture(): JsonObject[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', labels: { app: 'web' } },
      data: { host: 'db.example.com', port: '5432', image: 'nginx:1.25', list: 'a,b,c', num: '7' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'app:1.0',
                args: ['x', 'y'],
                env: [
                  { name: 'HOST', value: 'h' },
                  { name: 'PORT', value: '1' },
                ],
              },
              { name: 'side', image: 'side:2.0', env: [{ name: 'HOST', value: 'h2' }] },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'api', namespace: 'other' },
      spec: {
        replicas: 2,
        paused: true,
        nul: null,
        flt: 1.5,
        template: { spec: { containers: [{ name: 'app', image: 'api:1.0' }] } },
      },
    },
  ];
}

/** Reads a dotted path (numbers index lists) out of a resource. */
function at(resource: JsonObject | undefined, path: string): JsonValue | undefined {
  let node: JsonValue | undefined = resource;
  for (const part of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(part)] : node[part];
  }
  return node;
}

const CFG = 0;
const WEB = 1;
const API = 2;
const hostFrom = { kind: 'ConfigMap', fieldPath: 'data.host' };
const webContainers = 'spec.template.spec.containers';

describe('applyReplacements: values written', () => {
  it.each<[string, JsonValue, [number, string, JsonValue | undefined][]]>([
    [
      'string into an int keeps the int',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.num' },
        targets: [{ select: { kind: 'Deployment', name: 'web' }, fieldPaths: ['spec.replicas'] }],
      },
      [[WEB, 'spec.replicas', 7]],
    ],
    [
      'int into a string keeps the string',
      {
        source: { kind: 'Deployment', name: 'web', fieldPath: 'spec.replicas' },
        targets: [{ select: { kind: 'ConfigMap' }, fieldPaths: ['data.num', 'metadata.labels.app'] }],
      },
      [
        [CFG, 'data.num', '1'],
        [CFG, 'metadata.labels.app', '1'],
      ],
    ],
    [
      'string into a float',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.num' },
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.flt'] }],
      },
      [[API, 'spec.flt', 7]],
    ],
    [
      'wildcard over a list, reject by exact name',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment' },
            reject: [{ name: 'a.*' }],
            fieldPaths: [`${webContainers}.*.image`],
          },
        ],
      },
      [
        [WEB, `${webContainers}.0.image`, 'db.example.com'],
        [WEB, `${webContainers}.1.image`, 'db.example.com'],
        [API, `${webContainers}.0.image`, 'db.example.com'],
      ],
    ],
    [
      'index and list-element paths',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.image`, `${webContainers}.[name=side].env.0.value`],
          },
        ],
      },
      [
        [WEB, `${webContainers}.0.image`, 'db.example.com'],
        [WEB, `${webContainers}.1.env.0.value`, 'db.example.com'],
      ],
    ],
    [
      '[field=value] is an unanchored regular expression',
      {
        source: hostFrom,
        targets: [
          { select: { kind: 'Deployment', name: 'web' }, fieldPaths: [`${webContainers}.[name=p].image`] },
        ],
      },
      [[WEB, `${webContainers}.0.image`, 'db.example.com']],
    ],
    [
      '[=value] matches a scalar element',
      {
        source: hostFrom,
        targets: [
          { select: { kind: 'Deployment', name: 'web' }, fieldPaths: [`${webContainers}.0.args.[=y]`] },
        ],
      },
      [[WEB, `${webContainers}.0.args`, ['x', 'db.example.com']]],
    ],
    [
      'wildcard then list element',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.*.env.[name=HOST].value`],
          },
        ],
      },
      [
        [WEB, `${webContainers}.0.env.0.value`, 'db.example.com'],
        [WEB, `${webContainers}.1.env.0.value`, 'db.example.com'],
      ],
    ],
    [
      'a scalar replaces a list',
      {
        source: hostFrom,
        targets: [{ select: { kind: 'Deployment', name: 'web' }, fieldPaths: [`${webContainers}.0.args`] }],
      },
      [[WEB, `${webContainers}.0.args`, 'db.example.com']],
    ],
    [
      'a map replaces a map and empties a scalar',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data' },
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.image`, 'metadata.labels'],
          },
        ],
      },
      [
        [WEB, `${webContainers}.0.image`, ''],
        [
          WEB,
          'metadata.labels',
          { host: 'db.example.com', port: '5432', image: 'nginx:1.25', list: 'a,b,c', num: '7' },
        ],
      ],
    ],
    [
      'source by list element',
      {
        source: { kind: 'Deployment', name: 'web', fieldPath: `${webContainers}.[name=side].image` },
        targets: [{ select: { kind: 'ConfigMap' }, fieldPaths: ['data.image'] }],
      },
      [[CFG, 'data.image', 'side:2.0']],
    ],
    [
      'source and target delimiters',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.list', options: { delimiter: ',', index: 1 } },
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.image`],
            options: { delimiter: ':', index: 1 },
          },
        ],
      },
      [[WEB, `${webContainers}.0.image`, 'app:b']],
    ],
    [
      'negative index prepends',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.image`],
            options: { delimiter: ':', index: -1 },
          },
        ],
      },
      [[WEB, `${webContainers}.0.image`, 'db.example.com:app:1.0']],
    ],
    [
      'index past the end appends',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.image`],
            options: { delimiter: ':', index: 7 },
          },
        ],
      },
      [[WEB, `${webContainers}.0.image`, 'app:1.0:db.example.com']],
    ],
    [
      'a map source with a target delimiter is empty text',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data' },
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.image`],
            options: { delimiter: ':' },
          },
        ],
      },
      [[WEB, `${webContainers}.0.image`, ':1.0']],
    ],
    [
      'create maps on the way',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment' },
            fieldPaths: ['spec.template.spec.nope.x'],
            options: { create: true },
          },
        ],
      },
      [
        [WEB, 'spec.template.spec.nope', { x: 'db.example.com' }],
        [API, 'spec.template.spec.nope', { x: 'db.example.com' }],
      ],
    ],
    [
      'create a list element by field',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.[name=new].image`],
            options: { create: true },
          },
        ],
      },
      [[WEB, `${webContainers}.2`, { name: 'new', image: 'db.example.com' }]],
    ],
    [
      'create under a wildcard',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.*.newf`],
            options: { create: true },
          },
        ],
      },
      [
        [WEB, `${webContainers}.0.newf`, 'db.example.com'],
        [WEB, `${webContainers}.1.newf`, 'db.example.com'],
      ],
    ],
    [
      'created scalars are read as plain YAML',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.num' },
        targets: [
          {
            select: { kind: 'Deployment', name: 'api' },
            fieldPaths: ['spec.new', 'spec.new2.x.0'],
            options: { create: true },
          },
        ],
      },
      [
        [API, 'spec.new', 7],
        [API, 'spec.new2', { x: [7] }],
      ],
    ],
    [
      'created int from an int',
      {
        source: { kind: 'Deployment', name: 'web', fieldPath: 'spec.replicas' },
        targets: [
          {
            select: { kind: 'ConfigMap' },
            fieldPaths: ['data.image', 'data.new'],
            options: { create: true },
          },
        ],
      },
      [
        [CFG, 'data.image', '1'],
        [CFG, 'data.new', 1],
      ],
    ],
    [
      'create with a delimiter and a list append',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.port' },
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.0.args.2`, 'metadata.annotations.p'],
            options: { create: true, delimiter: ':', index: 1 },
          },
        ],
      },
      [
        [WEB, `${webContainers}.0.args`, ['x', 'y', ':5432']],
        [WEB, 'metadata.annotations.p', ':5432'],
      ],
    ],
    [
      'create a map value',
      {
        source: { kind: 'ConfigMap', fieldPath: 'metadata.labels' },
        targets: [
          {
            select: { kind: 'Deployment', name: 'api' },
            fieldPaths: ['spec.template.metadata.labels', `${webContainers}.0.env`],
            options: { create: true },
          },
        ],
      },
      [
        [API, 'spec.template.metadata.labels', { app: 'web' }],
        [API, `${webContainers}.0.env`, { app: 'web' }],
      ],
    ],
    [
      'create through a null field does nothing',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'api' },
            fieldPaths: ['spec.nul.x'],
            options: { create: true },
          },
        ],
      },
      [[API, 'spec.nul', null]],
    ],
    [
      'select by label, reject by kind',
      {
        source: hostFrom,
        targets: [
          {
            select: { labelSelector: 'app=web' },
            reject: [{ kind: 'ConfigMap' }],
            fieldPaths: ['metadata.annotations.h'],
            options: { create: true },
          },
        ],
      },
      [
        [WEB, 'metadata.annotations.h', 'db.example.com'],
        [CFG, 'metadata.annotations', undefined],
      ],
    ],
    [
      'reject by label',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment' },
            reject: [{ labelSelector: 'app' }],
            fieldPaths: ['metadata.annotations.h'],
            options: { create: true },
          },
        ],
      },
      [
        [API, 'metadata.annotations.h', 'db.example.com'],
        [WEB, 'metadata.annotations', undefined],
      ],
    ],
    [
      'default namespace selects resources without one',
      {
        source: hostFrom,
        targets: [
          {
            select: { namespace: 'default' },
            fieldPaths: ['metadata.annotations.h'],
            options: { create: true },
          },
        ],
      },
      [
        [CFG, 'metadata.annotations.h', 'db.example.com'],
        [WEB, 'metadata.annotations.h', 'db.example.com'],
        [API, 'metadata.annotations', undefined],
      ],
    ],
    [
      'select and reject names are not patterns',
      { source: hostFrom, targets: [{ select: { name: 'w.*' }, fieldPaths: ['metadata.labels.app'] }] },
      [[WEB, 'metadata.labels.app', 'web']],
    ],
    [
      'reject by namespace',
      {
        source: { kind: 'ConfigMap', version: 'v1', group: '' },
        targets: [{ select: { kind: 'Deployment', name: 'api' }, reject: [{ namespace: 'other' }] }],
      },
      [[API, 'metadata.name', 'api']],
    ],
  ])('%s', (_, replacement, expected) => {
    const result = applyReplacements(fixture(), [replacement]);
    expect(result.errors).toEqual([]);
    for (const [index, path, value] of expected) expect(at(result.resources[index], path)).toEqual(value);
  });

  it('does not change its input', () => {
    const input = fixture();
    applyReplacements(input, [
      { source: hostFrom, targets: [{ select: { kind: 'Deployment' }, fieldPaths: ['spec.replicas'] }] },
    ]);
    expect(input).toEqual(fixture());
  });

  it('selects sources and targets by earlier names too; a rejected earlier name rejects', () => {
    // A base with `namePrefix: p-`, replacements in the overlay.
    const resources = fixture().map((resource) => ({
      ...resource,
      metadata: {
        ...(resource['metadata'] as JsonObject),
        name: `p-${String((resource['metadata'] as JsonObject)['name'])}`,
      },
    }));
    const previous = fixture().map((resource) => [
      {
        name: String((resource['metadata'] as JsonObject)['name']),
        namespace: String((resource['metadata'] as JsonObject)['namespace'] ?? ''),
      },
    ]);
    const result = applyReplacements(
      resources,
      [
        {
          source: { kind: 'ConfigMap', name: 'cfg', fieldPath: 'data.host' },
          targets: [
            {
              select: { kind: 'Deployment' },
              reject: [{ name: 'web' }],
              fieldPaths: ['metadata.annotations.x'],
              options: { create: true },
            },
          ],
        },
        {
          source: { kind: 'Deployment', name: 'p-web', fieldPath: `${webContainers}.[name=app].image` },
          targets: [
            { select: { name: 'web' }, fieldPaths: ['metadata.annotations.y'], options: { create: true } },
          ],
        },
      ],
      previous,
    );
    expect(result.errors).toEqual([]);
    expect(result.resources.map((resource) => at(resource, 'metadata.annotations'))).toEqual([
      undefined,
      { y: 'app:1.0' },
      { x: 'db.example.com' },
    ]);
  });
});

describe('applyReplacements: errors', () => {
  const decode = 'map[string]interface {}(nil): yaml: cannot decode';
  it.each<[string, JsonValue, string]>([
    [
      'no targets',
      { source: { kind: 'ConfigMap' } },
      'replacements must specify a source and at least one target',
    ],
    [
      'no source',
      { targets: [{ select: { kind: 'ConfigMap' } }] },
      'replacements must specify a source and at least one target',
    ],
    [
      'empty targets',
      { source: { kind: 'ConfigMap' }, targets: [] },
      'replacements must specify a source and at least one target',
    ],
    [
      'target without select',
      { source: { kind: 'ConfigMap' }, targets: [{ fieldPaths: ['metadata.name'] }] },
      'target must specify resources to select',
    ],
    [
      'source name is not a pattern',
      { source: { kind: 'ConfigMap', name: 'c.*' }, targets: [{ select: { kind: 'Deployment' } }] },
      'nothing selected by ConfigMap.[noVer].[noGrp]/c.*.[noNs]',
    ],
    [
      'several sources',
      { source: { kind: 'Deployment' }, targets: [{ select: { kind: 'ConfigMap' } }] },
      'multiple matches for selector Deployment.[noVer].[noGrp]/[noName].[noNs]',
    ],
    [
      'nothing selected, with field path',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.host', name: 'nope' },
        targets: [{ select: { kind: 'Deployment' } }],
      },
      'nothing selected by ConfigMap.[noVer].[noGrp]/nope.[noNs]:data.host',
    ],
    [
      'nothing selected, with options',
      {
        source: { kind: 'Nope', fieldPath: 'data.host', options: { delimiter: '.', index: 1 } },
        targets: [{ select: { kind: 'Nope' } }],
      },
      'nothing selected by Nope.[noVer].[noGrp]/[noName].[noNs]:data.host:.(1), create=false',
    ],
    [
      'nothing selected, create only',
      { source: { kind: 'Nope', options: { create: true } }, targets: [{ select: { kind: 'Nope' } }] },
      'nothing selected by Nope.[noVer].[noGrp]/[noName].[noNs]:(0), create=true',
    ],
    [
      'missing source field',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.nope' },
        targets: [{ select: { kind: 'Deployment' } }],
      },
      'fieldPath `data.nope` is missing for replacement source ConfigMap.[noVer].[noGrp]/[noName].[noNs]',
    ],
    [
      'null source field',
      {
        source: { kind: 'Deployment', name: 'api', fieldPath: 'spec.nul' },
        targets: [{ select: { kind: 'Deployment' } }],
      },
      'fieldPath `spec.nul` is missing for replacement source Deployment.[noVer].[noGrp]/api.[noNs]',
    ],
    [
      'wildcard in the source',
      {
        source: { kind: 'Deployment', name: 'web', fieldPath: `${webContainers}.*.image` },
        targets: [{ select: { kind: 'ConfigMap' } }],
      },
      'error looking up replacement source: wildcard is not supported in PathGetter',
    ],
    [
      'source index out of bounds',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.list', options: { delimiter: ',', index: 5 } },
        targets: [{ select: { kind: 'Deployment', name: 'web' } }],
      },
      'options.index 5 is out of bounds for value a,b,c',
    ],
    [
      'source delimiter on a map',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data', options: { delimiter: ',' } },
        targets: [{ select: { kind: 'Deployment', name: 'web' } }],
      },
      'delimiter option can only be used with scalar nodes',
    ],
    [
      'target delimiter on a map',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: ['spec.template'],
            options: { delimiter: ':' },
          },
        ],
      },
      'delimiter option can only be used with scalar nodes',
    ],
    [
      'missing target field',
      {
        source: hostFrom,
        targets: [{ select: { kind: 'Deployment' }, fieldPaths: ['spec.template.spec.nope.x'] }],
      },
      'unable to find field "spec.template.spec.nope.x" in replacement target',
    ],
    [
      'missing in one target of several',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment' },
            fieldPaths: [`${webContainers}.[name=app].env.[name=HOST].value`],
          },
        ],
      },
      'unable to find field "spec.template.spec.containers.[name=app].env.[name=HOST].value" in replacement target',
    ],
    [
      'missing through a null',
      {
        source: hostFrom,
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.nul.x'] }],
      },
      'unable to find field "spec.nul.x" in replacement target',
    ],
    [
      'missing bool field',
      {
        source: hostFrom,
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.paused.x'] }],
      },
      'unable to find field "spec.paused.x" in replacement target: wrong node kind: expected MappingNode but got ScalarNode',
    ],
    [
      'index past the end',
      {
        source: hostFrom,
        targets: [
          {
            select: { kind: 'Deployment', name: 'web' },
            fieldPaths: [`${webContainers}.5.image`],
            options: { create: true },
          },
        ],
      },
      'unable to find or create field "spec.template.spec.containers.5.image" in replacement target: index 5 specified but only 2 elements found',
    ],
    [
      'bad list pattern',
      {
        source: hostFrom,
        targets: [
          { select: { kind: 'Deployment', name: 'web' }, fieldPaths: [`${webContainers}.[name=*].image`] },
        ],
      },
      'unable to find field "spec.template.spec.containers.[name=*].image" in replacement target: error parsing regexp: missing argument to repetition operator: `*`',
    ],
    [
      'string into an int',
      {
        source: hostFrom,
        targets: [{ select: { kind: 'Deployment', name: 'web' }, fieldPaths: ['spec.replicas'] }],
      },
      `${decode} !!str \`db.example.com\` as a !!int`,
    ],
    [
      'string into a bool',
      {
        source: hostFrom,
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.paused'] }],
      },
      `${decode} !!str \`db.example.com\` as a !!bool`,
    ],
    [
      'int into a null',
      {
        source: { kind: 'ConfigMap', fieldPath: 'data.num' },
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.nul', 'spec.flt'] }],
      },
      `${decode} !!int \`7\` as a !!null`,
    ],
    [
      'float into an int',
      {
        source: { kind: 'Deployment', name: 'api', fieldPath: 'spec.flt' },
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.replicas'] }],
      },
      `${decode} !!float \`1.5\` as a !!int`,
    ],
    [
      'float into a bool',
      {
        source: { kind: 'Deployment', name: 'api', fieldPath: 'spec.flt' },
        targets: [{ select: { kind: 'Deployment', name: 'api' }, fieldPaths: ['spec.paused'] }],
      },
      `${decode} !!float \`1.5\` as a !!bool`,
    ],
    [
      'bad annotation selector',
      { source: hostFrom, targets: [{ select: { kind: 'Deployment', annotationSelector: 'a b' } }] },
      "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'",
    ],
    [
      'unknown field',
      { sourceValue: 'x', targets: [{ select: { kind: 'Deployment' } }] },
      'json: unknown field "sourceValue"',
    ],
    [
      'apiVersion in a source',
      { source: { kind: 'ConfigMap', apiVersion: 'v1' }, targets: [{ select: { kind: 'Nope' } }] },
      'json: unknown field "apiVersion"',
    ],
    [
      'bool as a name',
      { source: { kind: 'Nope', name: true }, targets: [{ select: { kind: 'Nope' } }] },
      'json: cannot unmarshal bool into Go struct field SourceSelector.replacements.source.name of type string',
    ],
  ])('%s', (_, replacement, expected) => {
    const input = fixture();
    const result = applyReplacements(input, [replacement]);
    expect(result.errors).toEqual([expected]);
    expect(result.resources).toEqual(fixture());
  });
});
