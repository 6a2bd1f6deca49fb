import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../../../core/manifests/split-documents.ts';
import { parseYamlDocument } from '../../../../core/manifests/parse-yaml-document.ts';
import { emitYaml } from '../../../../core/manifests/emit-yaml.ts';
import { sortResources } from '../../../../core/render/kustomize/sort-resources.ts';
import type { JsonObject } from '../../../../core/manifests/json-value.ts';

const FIXTURE = 'test/fixtures/kustomize/sort';

function readAll(path: string): JsonObject[] {
  const text = readFileSync(path, 'utf8');
  return splitDocuments(text)
    .map(
      (span) =>
        parseYamlDocument(text.slice(span.start, span.end), { uniqueKeys: true, firstLine: span.line }).value,
    )
    .filter((value): value is JsonObject => value !== null && typeof value === 'object');
}

describe('sortResources', () => {
  it('puts 42 shuffled resources in the order kubectl kustomize v5.5.0 prints them', () => {
    const sorted = sortResources(readAll(`${FIXTURE}/input.yaml`));
    expect(sorted.map(emitYaml).join('---\n')).toBe(readFileSync(`${FIXTURE}/expected.yaml`, 'utf8'));
  });

  it('does not change its input', () => {
    const input = readAll(`${FIXTURE}/input.yaml`);
    const names = input.map((r) => JSON.stringify(r['metadata']));
    sortResources(input);
    expect(input.map((r) => JSON.stringify(r['metadata']))).toEqual(names);
  });
});
