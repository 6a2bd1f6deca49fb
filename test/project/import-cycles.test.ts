import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No module reaches itself through its imports, type-only imports included. `import-x/no-cycle`
 * in `npm run lint` skips `import type`, so a cycle made only of types (such as the one between
 * core/validate/deprecated-apis.ts and deprecated-api-table.ts) is caught here.
 */
const SOURCES = execFileSync('git', ['ls-files', '*.ts'], { encoding: 'utf8' })
  .split('\n')
  .filter((path) => path !== '' && !path.startsWith('test/fixtures/'));

const SPECIFIER =
  /^\s*(?:import|export)\b[^'";]*?\bfrom\s*'(\.{1,2}\/[^']+)'|^\s*import\s*'(\.{1,2}\/[^']+)'/gm;

/** The repository files a source file imports, by relative specifier. */
function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => normalize(join(dirname(path), (m[1] ?? m[2]) as string)));
}

/** Every cycle's modules, found by a depth-first walk (each cycle reported once, from where it closes). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    const at = stack.indexOf(node);
    if (at >= 0) {
      found.push([...stack.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    stack.push(node);
    for (const next of graph.get(node) ?? []) visit(next);
    stack.pop();
    done.add(node);
  };
  for (const node of graph.keys()) visit(node);
  return found;
}

describe('the import graph', () => {
  const graph = new Map(SOURCES.map((path) => [path, importsOf(path)] as const));

  it('is read from the sources it should be', () => {
    expect(graph.get('core/validate/deprecated-apis.ts')).toContain('core/validate/deprecated-api-table.ts');
    expect(graph.size).toBeGreaterThan(300);
  });

  it('finds the cycle in a made graph', () => {
    const made = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cycles(made)).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });

  it('has no cycle, type-only imports included', () => {
    expect(cycles(graph).map((cycle) => cycle.join(' -> '))).toEqual([]);
  });
});
