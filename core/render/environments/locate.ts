import type { PositionMap } from '../../manifests/fast-yaml.ts';

/** A 1-based line and column in a file. */
export interface Position {
  line: number;
  column: number;
}

/** Escapes a key for a JSON pointer. */
export function pointerToken(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Returns a function giving the position of a JSON pointer, or of its nearest ancestor that has
 * one (a missing field points at the mapping that misses it), or of the document's first line.
 */
export function locator(positions: PositionMap, firstLine = 1): (pointer: string) => Position {
  return (pointer) => {
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf('/'))) {
      const hit = positions.get(at);
      if (hit) return { line: hit[0], column: hit[1] };
      if (at === '') return { line: firstLine, column: 1 };
    }
  };
}

/** `/environments/1/helm/chart` -> `environments[1].helm.chart`, the way people name a field. */
export function displayPointer(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    out += /^\d+$/.test(token) ? `[${token}]` : out === '' ? token : `.${token}`;
  }
  return out === '' ? '(the document)' : out;
}
