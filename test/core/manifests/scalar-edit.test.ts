import { describe, expect, it } from 'vitest';
import {
  applyTextEdits,
  formatScalar,
  isPlainSafe,
  verifyEdit,
} from '../../../core/manifests/scalar-edit.ts';
import { mapValue, parseYamlSource, scalarSpot } from '../../../core/manifests/yaml-source.ts';

function spotOf(text: string, key: string) {
  const source = parseYamlSource(text);
  const spot = scalarSpot(source, mapValue(source.documents[0]?.contents, key));
  if (!spot) throw new Error('no scalar');
  return { source, spot };
}

describe('formatScalar', () => {
  it.each([
    ['1.10', '"1.10"'],
    ['on', '"on"'],
    ['yes', '"yes"'],
    ['1e3', '"1e3"'],
    ['010', '"010"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['2024-01-01', '"2024-01-01"'],
    ['v1.10', 'v1.10'],
    ['1.2.3', '1.2.3'],
  ])('writes %s plain only when it stays a string: %s', (value, text) => {
    const { spot } = spotOf('tag: v1\n', 'tag');
    expect(formatScalar(value, spot)).toEqual({ ok: true, text });
  });

  it('keeps single and double quotes', () => {
    expect(formatScalar("it's", spotOf("tag: 'a'\n", 'tag').spot)).toEqual({ ok: true, text: "'it''s'" });
    expect(formatScalar('a"b', spotOf('tag: "a"\n', 'tag').spot)).toEqual({ ok: true, text: '"a\\"b"' });
  });

  it('refuses block scalars', () => {
    expect(formatScalar('1', spotOf('tag: |\n  1\n', 'tag').spot).ok).toBe(false);
  });

  it('quotes flow indicators inside a flow mapping', () => {
    expect(isPlainSafe('a,b', true)).toBe(false);
    expect(isPlainSafe('a,b', false)).toBe(true);
  });
});

describe('verifyEdit', () => {
  it('accepts an edit that changes exactly the intended value, with CRLF and comments kept', () => {
    const text = 'a: 1.0 # c\r\nb: x\r\n';
    const { source, spot } = spotOf(text, 'a');
    const after = applyTextEdits(text, [
      { start: spot.start, end: spot.end, oldText: '1.0', newText: '"2.0"' },
    ]);
    expect(after).toBe('a: "2.0" # c\r\nb: x\r\n');
    expect(verifyEdit(source, after, [{ document: 0, path: ['a'], value: '2.0' }])).toBeUndefined();
  });

  it('refuses an edit that also changes an alias of the value', () => {
    const text = 'a: &t v1\nb: *t\n';
    const { source, spot } = spotOf(text, 'a');
    const after = applyTextEdits(text, [{ start: spot.start, end: spot.end, oldText: 'v1', newText: 'v2' }]);
    expect(verifyEdit(source, after, [{ document: 0, path: ['a'], value: 'v2' }])).toMatch(
      /more than the intended value/,
    );
  });

  it('refuses an edit whose value would not be the intended string', () => {
    const text = 'a: v1\n';
    const { source, spot } = spotOf(text, 'a');
    const after = applyTextEdits(text, [{ start: spot.start, end: spot.end, oldText: 'v1', newText: 'on' }]);
    expect(verifyEdit(source, after, [{ document: 0, path: ['a'], value: 'on' }])).toMatch(
      /more than the intended/,
    );
  });
});
