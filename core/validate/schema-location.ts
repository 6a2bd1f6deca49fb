import { UsageError } from '../errors.ts';

/** kubeconform's default schema location (yannh/kubernetes-json-schema, standalone schemas). */
export const DEFAULT_SCHEMA_LOCATION =
  'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

/** The tail kubeconform appends to a location that does not end in `json` (a bare base URL or folder). */
const STANDALONE_TAIL =
  '/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

/** The variables a location template may use (kubeconform `pkg/registry/registry.go`). */
export interface TemplateVariables {
  NormalizedKubernetesVersion: string;
  StrictSuffix: string;
  ResourceKind: string;
  ResourceAPIVersion: string;
  Group: string;
  KindSuffix: string;
}

const VARIABLE_NAMES: readonly (keyof TemplateVariables)[] = [
  'NormalizedKubernetesVersion',
  'StrictSuffix',
  'ResourceKind',
  'ResourceAPIVersion',
  'Group',
  'KindSuffix',
];

/**
 * Computes the template variables exactly as kubeconform does, quirks included: the `Group` of a
 * core resource (`v1`) is `v1`, and `KindSuffix` uses only the first label of the group.
 */
export function templateVariables(
  kind: string,
  apiVersion: string,
  kubernetesVersion: string,
  strict: boolean,
): TemplateVariables {
  const groupParts = apiVersion.split('/');
  const firstPart = groupParts[0] ?? '';
  let kindSuffix = `-${(firstPart.split('.')[0] ?? '').toLowerCase()}`;
  if (groupParts.length > 1) kindSuffix += `-${(groupParts[1] ?? '').toLowerCase()}`;
  return {
    NormalizedKubernetesVersion: kubernetesVersion === 'master' ? 'master' : `v${kubernetesVersion}`,
    StrictSuffix: strict ? '-strict' : '',
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: groupParts[groupParts.length - 1] ?? '',
    Group: firstPart,
    KindSuffix: kindSuffix,
  };
}

type Part = { text: string } | { variable: keyof TemplateVariables };

/** A parsed location: the subset of Go's text/template that schema locations use (`{{ .Field }}`). */
export interface SchemaLocation {
  /** The location as the user wrote it (after `default` expansion and the `json` tail rule). */
  template: string;
  /** Whether it is fetched over HTTP(S); otherwise it is a path on disk. */
  http: boolean;
  render(variables: TemplateVariables): string;
}

function templateError(template: string, column: number, detail: string): UsageError {
  return new UsageError(`failed initialising schema location registry: template: tpl:1:${column}: ${detail}`);
}

function parseTemplate(template: string): Part[] {
  const parts: Part[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open === -1) {
      parts.push({ text: template.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: template.slice(at, open) });
    const close = template.indexOf('}}', open + 2);
    if (close === -1) throw templateError(template, open + 1, 'unclosed action');
    const action = template
      .slice(open + 2, close)
      .replace(/^-?\s*/, '')
      .replace(/\s*-?$/, '');
    const match = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(action);
    if (!match)
      throw templateError(
        template,
        open + 1,
        `unsupported action {{${action}}}: only {{ .Field }} is supported`,
      );
    const name = match[1] as keyof TemplateVariables;
    if (!VARIABLE_NAMES.includes(name)) {
      throw templateError(
        template,
        open + 3,
        `executing "tpl" at <.${name}>: can't evaluate field ${name}; the fields are ${VARIABLE_NAMES.join(', ')}`,
      );
    }
    parts.push({ variable: name });
    at = close + 2;
  }
  return parts;
}

/**
 * Parses a `-schema-location` value: `default` is kubeconform's default, a location that does not
 * end in `json` gets the standalone tail appended, `http...` is fetched, anything else is a path.
 * A template that cannot render fails here, at startup, as in kubeconform.
 */
export function parseSchemaLocation(location: string): SchemaLocation {
  let template = location === 'default' ? DEFAULT_SCHEMA_LOCATION : location;
  if (!template.endsWith('json')) template += STANDALONE_TAIL;
  const parts = parseTemplate(template);
  return {
    template,
    http: template.startsWith('http'),
    render(variables) {
      let out = '';
      for (const part of parts) out += 'text' in part ? part.text : variables[part.variable];
      return out;
    },
  };
}
