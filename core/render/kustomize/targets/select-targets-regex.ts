/**
 * kustomize compiles a selector's group, version, kind, name and namespace as Go regular
 * expressions anchored to the whole string (`^(?:pattern)$`). This turns the common RE2 syntax
 * into a JavaScript RegExp and words the usual compile errors as Go does.
 */

const FLAGS = /^\(\?([imsU]+)\)/;

function unbalanced(anchored: string): string | undefined {
  let depth = 0;
  let inClass = -1;
  for (let at = 0; at < anchored.length; at += 1) {
    const char = anchored[at] as string;
    if (char === '\\') {
      at += 1;
      continue;
    }
    if (inClass !== -1) {
      if (char === ']' && at > inClass + 1 && !(at === inClass + 2 && anchored[inClass + 1] === '^'))
        inClass = -1;
      continue;
    }
    if (char === '[') inClass = at;
    else if (char === '(') depth += 1;
    else if (char === ')') {
      depth -= 1;
      if (depth < 0) return `unexpected ): \`${anchored}\``;
    }
  }
  if (inClass !== -1) return `missing closing ]: \`${anchored.slice(inClass)}\``;
  if (depth > 0) return `missing closing ): \`${anchored}\``;
  return undefined;
}

function unsupported(pattern: string): string | undefined {
  const look = /\(\?<?[=!]/.exec(pattern);
  if (look !== null)
    return `invalid or unsupported Perl syntax: \`${look[0].startsWith('(?<') ? '(?<' : look[0]}\``;
  const backReference = /\\[1-9]/.exec(pattern);
  if (backReference !== null) return `invalid escape sequence: \`${backReference[0]}\``;
  return undefined;
}

/**
 * A Go regular expression as kyaml's PathMatcher compiles the value of a `[field=value]` path
 * part: unanchored (it matches anywhere in the text), or Go's error.
 */
export function compileGoPattern(pattern: string): RegExp | { error: string } {
  const repeat = /^[*+?]|\|[*+?]|\([*+]/.exec(pattern);
  if (repeat !== null)
    return {
      error: `error parsing regexp: missing argument to repetition operator: \`${repeat[0].slice(-1)}\``,
    };
  const compiled = compileSelectorPattern(pattern);
  if ('error' in compiled) return { error: compiled.error.replace(`^(?:${pattern})$`, pattern) };
  return new RegExp(compiled.source.slice(4, -2), compiled.flags);
}

/**
 * The anchored regular expression kustomize would compile for a selector field, or Go's error
 * (`error parsing regexp: missing closing ): ...`).
 */
export function compileSelectorPattern(pattern: string): RegExp | { error: string } {
  let body = pattern;
  let flags = '';
  const leading = FLAGS.exec(body);
  if (leading !== null) {
    flags = [...new Set((leading[1] as string).replace('U', ''))].join('');
    body = body.slice(leading[0].length);
  }
  const anchored = `^(?:${pattern})$`;
  const problem = unsupported(pattern) ?? unbalanced(anchored);
  if (problem !== undefined) return { error: `error parsing regexp: ${problem}` };
  try {
    return new RegExp(`^(?:${body.replaceAll('(?P<', '(?<')})$`, flags);
  } catch (error) {
    return { error: `error parsing regexp: ${(error as Error).message}` };
  }
}
