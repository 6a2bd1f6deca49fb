import { describe, expect, it } from 'vitest';
import { tooDeepMessage } from '../../../core/manifests/nesting-depth.ts';
import { validateInline } from '../../helpers/schemas.ts';

const configMap = (name: string, x: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  x: ${x}\n`;
const LEVELS = 10_000;

describe('validateManifests on documents nested 10,000 levels deep', () => {
  it('gives each an error result at its file and line, and validates and counts every other file', async () => {
    const run = await validateInline({
      'before.yaml': configMap('before', '"1"'),
      'flow.yaml': configMap('flow', `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`),
      'flow-map.yaml': `# a comment first\n${configMap('flow-map', `${'{a: '.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`)}`,
      'deep.json': `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}, "data": {"x": ${'{"a": '.repeat(LEVELS)}1${'}'.repeat(LEVELS)}}}\n`,
      'block.yaml': `${configMap('block', '')}    ${'- '.repeat(LEVELS)}1\n---\n${configMap('after-in-file', '"2"')}`,
      'after.yaml': configMap('after', '"3"'),
    });

    expect(run.files).toBe(6);
    expect(run.results.map((r) => [r.filename, r.status, r.name])).toEqual([
      ['before.yaml', 'valid', 'before'],
      ['flow.yaml', 'error', undefined],
      ['flow-map.yaml', 'error', undefined],
      ['deep.json', 'error', undefined],
      ['block.yaml', 'error', undefined],
      ['block.yaml', 'valid', 'after-in-file'],
      ['after.yaml', 'valid', 'after'],
    ]);
    const errors = run.results.filter((r) => r.status === 'error');
    expect(errors.map((r) => r.findings.map((f) => [f.ruleId, f.path, f.line, f.message]))).toEqual([
      [['yaml-syntax', 'flow.yaml', 6, tooDeepMessage()]],
      [['yaml-syntax', 'flow-map.yaml', 7, tooDeepMessage()]],
      [['yaml-syntax', 'deep.json', 1, tooDeepMessage()]],
      [['yaml-syntax', 'block.yaml', 7, tooDeepMessage()]],
    ]);
    expect(errors[0]?.message).toBe(
      `error unmarshalling resource: error converting YAML to JSON: yaml: line 6: ${tooDeepMessage()}`,
    );
  });

  it('reads a document under the limit whole, strict or not', async () => {
    for (const strict of [false, true]) {
      const run = await validateInline(
        { 'near.yaml': configMap('near', `${'['.repeat(500)}${']'.repeat(500)}`) },
        { strict },
      );
      expect(run.results.map((r) => [r.status, r.findings.map((f) => f.message)])).toEqual([
        ['invalid', ['/data/x: got array, want null or string']],
      ]);
    }
  });
});
