import { describe, expect, it } from 'vitest';
import {
  scanValuesSources,
  valuesSourceFinder,
  type ValuesSource,
} from '../../../../core/render/environments/values-sources.ts';
import { memoryFileSource } from '../../../../core/files/file-source.ts';

function source(file: string, namespace?: string): ValuesSource {
  const metadata = namespace ? { name: 'values', namespace } : { name: 'values' };
  return {
    kind: 'ConfigMap',
    name: 'values',
    ...(namespace ? { namespace } : {}),
    file,
    content: { kind: 'ConfigMap', metadata, data: { file } },
  };
}

describe('scanValuesSources', () => {
  it('finds v1 ConfigMaps and Secrets in every YAML document, nothing else', async () => {
    const files = memoryFileSource({
      'a.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n',
      'b.yaml': 'apiVersion: example.com/v1\nkind: ConfigMap\nmetadata:\n  name: fake\n',
      'c.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json"}}',
    });

    const found = await scanValuesSources(files, ['a.yaml', 'b.yaml', 'c.json']);

    expect(found.map((s) => [s.kind, s.name, s.namespace, s.file])).toEqual([
      ['ConfigMap', 'a', 'x', 'a.yaml'],
      ['Secret', 'b', undefined, 'a.yaml'],
    ]);
  });
});

describe('valuesSourceFinder', () => {
  it.each([
    [
      'the same namespace over a closer file',
      [source('apps/web/cm.yaml'), source('x/cm.yaml', 'shop')],
      'x/cm.yaml',
    ],
    [
      'the file sharing most folders',
      [source('apps/api/cm.yaml'), source('apps/web/cm.yaml')],
      'apps/web/cm.yaml',
    ],
    ['the first on a tie', [source('a/cm.yaml'), source('b/cm.yaml')], 'a/cm.yaml'],
    ['none from another namespace', [source('apps/web/cm.yaml', 'other')], undefined],
  ])('picks %s', (_, sources, expected) => {
    const used = new Set<string>();
    const find = valuesSourceFinder(sources, 'apps/web/release.yaml', used);

    const found = find({ kind: 'ConfigMap', name: 'values', namespace: 'shop' });

    expect(found?.['data']).toEqual(expected === undefined ? undefined : { file: expected });
    expect([...used]).toEqual(expected === undefined ? [] : [expected]);
  });
});
