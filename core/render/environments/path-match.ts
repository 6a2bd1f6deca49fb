/**
 * Go's `path.Match`, which Argo CD's git directory generator matches folders with: `*` is any run
 * of characters except `/`, `?` one character except `/`, `[a-z]` / `[^abc]` a class, `\` escapes.
 * https://pkg.go.dev/path#Match
 */

function escapeRegExp(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char;
}

/** The pattern as a regular expression, or undefined when Go would reject it (`ErrBadPattern`). */
export function pathPatternToRegExp(pattern: string): RegExp | undefined {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\') {
      const next = pattern[++i];
      if (next === undefined) return undefined;
      source += escapeRegExp(next);
    } else if (char === '[') {
      let j = i + 1;
      let cls = '';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      let items = 0;
      for (; j < pattern.length && pattern[j] !== ']'; j++, items++) {
        let c = pattern[j] as string;
        if (c === '\\') {
          c = pattern[++j] ?? '';
          if (c === '') return undefined;
        }
        cls += c === '-' && items > 0 && pattern[j + 1] !== ']' ? '-' : escapeRegExp(c);
      }
      if (pattern[j] !== ']' || items === 0) return undefined;
      source += cls.startsWith('^') ? `[^/${cls.slice(1)}]` : `(?!/)[${cls}]`;
      i = j;
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`);
}

/** True when `name` matches the whole of `pattern` in Go's `path.Match` sense. */
export function pathMatch(pattern: string, name: string): boolean {
  return pathPatternToRegExp(pattern)?.test(name) ?? false;
}
