import { describe, expect, it } from 'vitest';
import { configDiffOptions } from '../../../core/check/config-diff-options.ts';

describe('configDiffOptions: the diff section of .kubeproof.yaml', () => {
  it('passes the settings through', () => {
    const { options, findings } = configDiffOptions(
      {
        ignorePaths: ['metadata.annotations["checksum/config"]'],
        ignoreResources: [{ kind: 'Secret', name: 'sealed-*' }],
        redactPaths: ['spec.template.spec.containers[*].env[name=X].value'],
        redactKeyPattern: 'internal',
        contextLines: 1,
      },
      '.kubeproof.yaml',
    );
    expect(findings).toEqual([]);
    expect(options).toEqual({
      ignorePaths: ['metadata.annotations["checksum/config"]'],
      ignoreResources: [{ kind: 'Secret', name: 'sealed-*' }],
      redactPaths: ['spec.template.spec.containers[*].env[name=X].value'],
      redactKeyPattern: 'internal',
      contextLines: 1,
    });
  });

  it('reports a setting the diff cannot use, and keeps the others', () => {
    const { options, findings } = configDiffOptions(
      { ignorePaths: ['spec[[['], redactKeyPattern: '(unclosed', redactPaths: ['data.x'] },
      '.kubeproof.yml',
    );
    expect(options).toEqual({ redactPaths: ['data.x'], ignoreResources: [] });
    expect(findings.map((f) => [f.path, f.message.split(':')[0]])).toEqual([
      ['.kubeproof.yml', 'diff.ignorePaths'],
      ['.kubeproof.yml', 'diff.redactKeyPattern'],
    ]);
  });

  it('gives no options without a section', () => {
    expect(configDiffOptions(undefined, '.kubeproof.yaml')).toEqual({ options: {}, findings: [] });
  });
});
