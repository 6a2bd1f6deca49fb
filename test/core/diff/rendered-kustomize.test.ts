import { describe, expect, it } from 'vitest';
import { diffEnvironment } from '../../../core/diff/diff-environments.ts';
import { renderEnvironments } from '../../../core/render/render-environments.ts';
import type { Environment } from '../../../core/render/environments/types.ts';
import { memoryFileSource } from '../../../core/files/file-source.ts';

const environment: Environment = { name: 'prod', path: 'app', source: 'folder', renderer: 'builtin' };

function repo(tag: string, logLevel: string, password: string): Record<string, string> {
  return {
    'app/kustomization.yaml': [
      'namespace: shop',
      'resources: [deployment.yaml]',
      'images: [{ name: app, newTag: "' + tag + '" }]',
      'configMapGenerator: [{ name: web-config, literals: [LOG_LEVEL=' + logLevel + '] }]',
      'secretGenerator: [{ name: db, literals: [password=' + password + '] }]',
      '',
    ].join('\n'),
    'app/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: web }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: web',
      '        image: app',
      '        envFrom: [{ configMapRef: { name: web-config } }, { secretRef: { name: db } }]',
      '',
    ].join('\n'),
  };
}

describe('diffing what the built-in kustomize engine renders', () => {
  it('follows generated names through their hash suffix and keeps the generated secret hidden', async () => {
    const [base] = await renderEnvironments([environment], {
      files: memoryFileSource(repo('1.2', 'info', 'CANARY-old-5f1e')),
    });
    const [head] = await renderEnvironments([environment], {
      files: memoryFileSource(repo('1.3', 'warn', 'CANARY-new-5f1e')),
    });
    const diff = diffEnvironment(base, head);
    expect(diff.status).toBe('changed');
    expect(diff.counts).toEqual({ added: 0, removed: 0, changed: 3, unchanged: 0 });
    const byKind = Object.fromEntries(diff.resources.map((r) => [r.resource.kind, r]));
    expect(byKind.ConfigMap?.renamed?.from).toMatch(/^web-config-[bcdfghkmt2456789]{10}$/);
    expect(byKind.ConfigMap?.notes.map((n) => n.text).slice(1)).toEqual(['key LOG_LEVEL: info -> warn']);
    expect(byKind.Secret?.notes.map((n) => n.kind)).toEqual(['generated-name', 'secret-key']);
    expect(byKind.Secret?.notes[1]?.text).toBe('secret key password changed');
    expect(byKind.Deployment?.notes[0]?.text).toBe('image app 1.2 -> 1.3');
    expect(JSON.stringify(diff)).not.toContain('CANARY');
    expect(JSON.stringify(diff)).not.toContain(Buffer.from('CANARY-new-5f1e').toString('base64'));
  });
});
