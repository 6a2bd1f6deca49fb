import { describe, expect, it } from 'vitest';
import { createSourceLocator } from '../../../core/check/source-positions.ts';
import { memoryFileSource } from '../../../core/files/file-source.ts';

const files = memoryFileSource({
  'base/deployment.yaml': [
    '# a comment',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          ports:',
    '            - containerPort: "8080x"',
    '',
  ].join('\n'),
});

// The resource as rendered (kustomize's field order and indentation, another namespace added).
const rendered = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: prod',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: web',
  '        ports:',
  '        - containerPort: 8080x',
  '',
].join('\n');

describe('createSourceLocator', () => {
  const locate = createSourceLocator(files);
  const origin = { path: 'base/deployment.yaml', line: 3 };

  it('finds the field of a rendered line in the source document', async () => {
    expect(await locate(origin, rendered, 12)).toEqual({
      path: 'base/deployment.yaml',
      line: 13,
      column: 15,
    });
  });

  it('falls back to the nearest ancestor the source has, or to the document', async () => {
    expect(await locate(origin, rendered, 5)).toEqual({ path: 'base/deployment.yaml', line: 5, column: 1 });
    expect(await locate(origin, rendered, undefined)).toEqual({ path: 'base/deployment.yaml', line: 3 });
    expect(await locate({ path: 'missing.yaml', line: 7 }, rendered, 12)).toEqual({
      path: 'missing.yaml',
      line: 7,
    });
  });
});
