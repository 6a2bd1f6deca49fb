import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../../core/diff/line-diff.ts';
import { formatHunks, unifiedDiff } from '../../../core/diff/unified-diff.ts';

function apply(ops: ReturnType<typeof diffLines>): { before: string[]; after: string[] } {
  return {
    before: ops.filter((op) => op.op !== '+').map((op) => op.line),
    after: ops.filter((op) => op.op !== '-').map((op) => op.line),
  };
}

describe('diffLines', () => {
  it('reproduces both sides for any pair of line lists, with a minimal edit count for small ones', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(apply(ops)).toEqual({ before: a, after: b });
        const kept = ops.filter((op) => op.op === ' ').length;
        expect(kept).toBe(lcsLength(a, b));
      }),
    );
  });

  it('puts removals before additions within a change', () => {
    expect(diffLines(['x', 'a', 'y'], ['x', 'b', 'y']).map((op) => op.op + op.line)).toEqual([
      ' x',
      '-a',
      '+b',
      ' y',
    ]);
  });

  it('falls back to a replacement past its edit budget and stays correct', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    expect(apply(diffLines(a, b))).toEqual({ before: a, after: b });
  });
});

function lcsLength(a: string[], b: string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      table[i]![j] =
        a[i - 1] === b[j - 1] ? table[i - 1]![j - 1]! + 1 : Math.max(table[i - 1]![j]!, table[i]![j - 1]!);
  return table[a.length]![b.length]!;
}

describe('formatHunks', () => {
  it('keeps 3 lines of context and elides the rest with one " ..." line per gap', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    const after = before.map((line, i) => (i === 10 ? 'changed' : line));
    expect(formatHunks(diffLines(before, after), 3)).toEqual([
      ' ...',
      ' line 7',
      ' line 8',
      ' line 9',
      '-line 10',
      '+changed',
      ' line 11',
      ' line 12',
      ' line 13',
      ' ...',
    ]);
  });

  it('joins changes whose contexts touch into one hunk', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const after = ['A', 'b', 'c', 'd', 'e', 'f', 'g', 'H'];
    expect(formatHunks(diffLines(before, after), 3)).not.toContain(' ...');
  });
});

describe('unifiedDiff', () => {
  it('titles the diff and prints the YAML as kustomize does', () => {
    const base = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const head = { ...base, data: { a: '2' } };
    expect(unifiedDiff('ConfigMap c', base, head)).toBe(
      [
        '# ConfigMap c',
        ' apiVersion: v1',
        ' data:',
        '-  a: "1"',
        '+  a: "2"',
        ' kind: ConfigMap',
        ' metadata:',
        '   name: c',
      ].join('\n'),
    );
  });

  it('prints an added resource as + lines and identical ones as nothing', () => {
    const object = { kind: 'Namespace', metadata: { name: 'ns' } };
    expect(unifiedDiff('Namespace n', undefined, object)).toBe(
      '# Namespace n\n+kind: Namespace\n+metadata:\n+  name: ns',
    );
    expect(unifiedDiff('Namespace n', object, object)).toBe('');
  });
});
