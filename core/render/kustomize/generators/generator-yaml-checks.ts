import { type JsonValue, type JsonObject, isJsonObject } from '../../../manifests/json-value.ts';
import { resolvesToNonString } from './generator-key-resolution.ts';
import type { GeneratorArgs, GeneratorOptions } from './generator-types.ts';

// Characters go-yaml's reader refuses ("control characters are not allowed") that Go's JSON
// encoder leaves unescaped: DEL, the C1 controls but NEL, U+FFFE and U+FFFF. kustomize converts
// JSON to YAML text and reads it back both for a generator's configuration and for its output.
const UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/u;

/** Every string of a generator entry, as kustomize marshals its plugin configuration. */
function configStrings(args: GeneratorArgs, options: GeneratorOptions): string[] {
  const strings = [args.name, args.namespace ?? '', args.behavior ?? '', args.type ?? '', args.env ?? ''];
  strings.push(...(args.literals ?? []), ...(args.files ?? []), ...(args.envs ?? []));
  for (const map of [options.labels ?? {}, options.annotations ?? {}])
    for (const [key, value] of Object.entries(map)) strings.push(key, value);
  return strings;
}

/** kustomize's failure to marshal a generator entry's configuration, if it has one. */
export function configurationProblem(
  kind: 'ConfigMap' | 'Secret',
  args: GeneratorArgs,
  options: GeneratorOptions,
): string | undefined {
  if (!configStrings(args, options).some((s) => UNREADABLE.test(s))) return undefined;
  return `builtin ${kind}Generator marshal: yaml: control characters are not allowed`;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

/**
 * Whether kyaml writes this multi-line text as a literal block that go-yaml v3 cannot read back:
 * a block whose first line starts with a tab gets no indentation indicator, and the reader takes
 * the tab for indentation. Texts the emitter double-quotes instead (a space before a line break,
 * a trailing space, characters it escapes) are read back fine.
 */
export function tabBlockUnreadable(text: string): boolean {
  if (!text.startsWith('\t') || !text.includes('\n')) return false;
  if (text.endsWith(' ') || /[ ][\n\r\x85\u2028\u2029]/u.test(text)) return false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (ch !== '\t' && !isPrintable(cp)) return false;
  }
  return true;
}

function keyProblem(key: string): string | undefined {
  if (key === '<<') return 'yaml: map merge requires map or sequence of maps as the value';
  if (resolvesToNonString(key))
    return `json: unsupported type: map[interface {}]interface {} (kustomize reads the key \`${key}\` back as a non-string)`;
  if (tabBlockUnreadable(key))
    return `yaml: found a tab character where an indentation space is expected (in the key \`${key}\`)`;
  if (UNREADABLE.test(key)) return 'yaml: control characters are not allowed';
  return undefined;
}

function entries(value: JsonValue | undefined): [string, JsonValue][] {
  return isJsonObject(value) ? Object.entries(value) : [];
}

/**
 * How kustomize v5.5.0 fails on a generated ConfigMap or Secret it cannot read back, if it does:
 * keys (of data, binaryData, labels, annotations) that go-yaml v3 resolves to non-strings or to a
 * merge key, data that starts with a tab in a literal block, characters its YAML reader refuses.
 */
export function generatedResourceProblem(resource: JsonObject): string | undefined {
  const meta = resource.metadata;
  const metaObject = isJsonObject(meta) ? meta : {};
  const maps = [resource.data, resource.binaryData, metaObject.labels, metaObject.annotations];
  for (const map of maps) {
    for (const [key, value] of entries(map)) {
      const problem = keyProblem(key);
      if (problem !== undefined) return problem;
      if (typeof value !== 'string') continue;
      if (tabBlockUnreadable(value))
        return `yaml: found a tab character where an indentation space is expected (kustomize cannot read back the value of \`${key}\`, a multi-line text starting with a tab)`;
      if (UNREADABLE.test(value)) return 'yaml: control characters are not allowed';
    }
  }
  return undefined;
}
