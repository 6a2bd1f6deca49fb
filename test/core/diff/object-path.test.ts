import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../core/manifests/json-value.ts';
import { deletePath, InvalidPathError, parsePath, selectPath } from '../../../core/diff/object-path.ts';

describe('parsePath', () => {
  it.each([
    [
      'spec.replicas',
      undefined,
      [
        { type: 'key', key: 'spec' },
        { type: 'key', key: 'replicas' },
      ],
    ],
    [
      'metadata.annotations["checksum/config"]',
      undefined,
      [
        { type: 'key', key: 'metadata' },
        { type: 'key', key: 'annotations' },
        { type: 'key', key: 'checksum/config' },
      ],
    ],
    [
      "metadata.labels['a.b/c']",
      undefined,
      [
        { type: 'key', key: 'metadata' },
        { type: 'key', key: 'labels' },
        { type: 'key', key: 'a.b/c' },
      ],
    ],
    [
      'Deployment:spec.replicas',
      'Deployment',
      [
        { type: 'key', key: 'spec' },
        { type: 'key', key: 'replicas' },
      ],
    ],
    [
      'spec.containers[*].env[name=API_TOKEN].value',
      undefined,
      [
        { type: 'key', key: 'spec' },
        { type: 'key', key: 'containers' },
        { type: 'any' },
        { type: 'key', key: 'env' },
        { type: 'match', field: 'name', value: 'API_TOKEN' },
        { type: 'key', key: 'value' },
      ],
    ],
    [
      'spec.ports[0]',
      undefined,
      [
        { type: 'key', key: 'spec' },
        { type: 'key', key: 'ports' },
        { type: 'index', index: 0 },
      ],
    ],
    ['data.*', undefined, [{ type: 'key', key: 'data' }, { type: 'any' }]],
    [
      'x[name="a]b"]',
      undefined,
      [
        { type: 'key', key: 'x' },
        { type: 'match', field: 'name', value: 'a]b' },
      ],
    ],
    ['["a\\"b"]', undefined, [{ type: 'key', key: 'a"b' }]],
  ])('reads %s', (source, kind, segments) => {
    const path = parsePath(source);
    expect(path.kind).toBe(kind);
    expect(path.segments).toEqual(segments);
  });

  it.each(['', 'a..b', 'a.', 'a[', 'a["x"', 'a[foo]', '.a', 'a]b', 'a[=x]'])('refuses %j', (source) => {
    expect(() => parsePath(source)).toThrow(InvalidPathError);
  });
});

describe('selectPath and deletePath', () => {
  const pod = (): JsonValue => ({
    spec: {
      containers: [
        {
          name: 'web',
          env: [
            { name: 'A', value: '1' },
            { name: 'API_TOKEN', value: 't' },
          ],
        },
        { name: 'side', env: [{ name: 'API_TOKEN', value: 'u' }] },
      ],
    },
  });

  it('selects through wildcards and matches, with printed steps', () => {
    const matches = selectPath(pod(), parsePath('spec.containers[*].env[name=API_TOKEN].value').segments);
    expect(matches.map((m) => m.steps.join(''))).toEqual([
      '.spec.containers[name=web].env[name=API_TOKEN].value',
      '.spec.containers[name=side].env[name=API_TOKEN].value',
    ]);
  });

  it('deletes every selected element, array indexes staying right', () => {
    const value = { items: [1, 2, 3, 4] } as JsonValue;
    expect(deletePath(value, parsePath('items[*]').segments)).toBe(4);
    expect(value).toEqual({ items: [] });
    const env = pod();
    deletePath(env, parsePath('spec.containers[name=web].env[name=A]').segments);
    expect(JSON.stringify(env)).not.toContain('"A"');
  });

  it('selects at any depth with **', () => {
    const value = {
      metadata: { annotations: { 'checksum/config': 'a' } },
      spec: { template: { metadata: { annotations: { 'checksum/config': 'b', keep: 'c' } } } },
    } as JsonValue;
    const path = parsePath('**.annotations["checksum/config"]');
    expect(selectPath(value, path.segments).map((m) => m.steps.join(''))).toEqual([
      '.metadata.annotations["checksum/config"]',
      '.spec.template.metadata.annotations["checksum/config"]',
    ]);
    deletePath(value, path.segments);
    expect(JSON.stringify(value)).toBe(
      '{"metadata":{"annotations":{}},"spec":{"template":{"metadata":{"annotations":{"keep":"c"}}}}}',
    );
  });

  it('selects nothing on a missing path', () => {
    expect(selectPath(pod(), parsePath('spec.missing.deep[0]').segments)).toEqual([]);
  });
});
