/**
 * The Kubernetes format library for CEL (k8s.io/apiserver/pkg/cel/library, Format):
 * `format.dns1123Label().validate(name)`, `format.named('labelValue')`, each validation an optional
 * list of error messages, `optional.none()` when the string is valid. The messages follow
 * apimachinery's validation helpers.
 */
import { Optional, type Environment } from '@marcbachmann/cel-js';
import { parseUrl } from './urls.ts';

/** A named string format. */
export class NamedFormat {
  constructor(
    readonly name: string,
    readonly validate: (text: string) => string[],
  ) {}
}

class FormatNamespace {}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
const DNS1035 = '[a-z]([-a-z0-9]*[a-z0-9])?';
const NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

function matcher(pattern: string, max: number, what: string, example: string): (text: string) => string[] {
  const regex = new RegExp(`^${pattern}$`);
  return (text) => {
    const errors: string[] = [];
    if (text.length > max) errors.push(`must be no more than ${max} characters`);
    if (!regex.test(text))
      errors.push(`${what} (e.g. ${example}, regex used for validation is '${pattern}')`);
    return errors;
  };
}

const dns1123Label = matcher(
  LABEL,
  63,
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  "'my-name',  or '123-abc'",
);
const dns1123Subdomain = matcher(
  SUBDOMAIN,
  253,
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  "'example.com'",
);
const dns1035Label = matcher(
  DNS1035,
  63,
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  "'my-name',  or 'abc-123'",
);
const nameMatcher = matcher(
  NAME,
  63,
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  "'MyName',  or 'my.name',  or '123-abc'",
);

/** A generateName prefix may end in '-': checked as if it ended in a letter. */
const prefixed = (check: (text: string) => string[]) => (text: string) => check(text.replace(/-$/, 'a'));

function qualifiedName(text: string): string[] {
  const parts = text.split('/');
  if (parts.length > 2)
    return ["a qualified name must consist of an optional DNS subdomain prefix and a name, separated by '/'"];
  const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0] as string];
  const errors = prefix === undefined ? [] : dns1123Subdomain(prefix).map((error) => `prefix part ${error}`);
  if (name === '') return [...errors, 'name part must be non-empty'];
  return [...errors, ...nameMatcher(name as string)];
}

const validDate = (text: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
};
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const FORMATS: Record<string, (text: string) => string[]> = {
  dns1123Label,
  dns1123Subdomain,
  dns1035Label,
  qualifiedName,
  dns1123LabelPrefix: prefixed(dns1123Label),
  dns1123SubdomainPrefix: prefixed(dns1123Subdomain),
  dns1035LabelPrefix: prefixed(dns1035Label),
  labelValue: (text) =>
    text === '' ? [] : nameMatcher(text).map((error) => error.replace('name part', 'a valid label')),
  uri: (text) =>
    parseUrl(text) === undefined ? [`parse ${JSON.stringify(text)}: invalid URI for request`] : [],
  uuid: (text) =>
    /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(text)
      ? []
      : ['does not match the UUID format'],
  byte: (text) =>
    /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text) ? [] : ['invalid base64'],
  date: (text) => (validDate(text) ? [] : ['invalid date']),
  datetime: (text) => {
    const day = DATETIME.exec(text)?.[1];
    return day !== undefined && validDate(day) ? [] : ['invalid datetime'];
  },
};

/** Registers `format.<name>()`, `format.named()` and `validate`. */
export function registerNamedFormats(env: Environment): void {
  env
    .registerType('FormatNamespace', FormatNamespace)
    .registerType('Format', NamedFormat)
    .registerConstant('format', 'FormatNamespace', new FormatNamespace())
    .registerFunction(
      'FormatNamespace.named(string): optional<Format>',
      (_ns: FormatNamespace, name: string) => {
        const validate = Object.hasOwn(FORMATS, name) ? FORMATS[name] : undefined;
        return validate === undefined ? Optional.none() : Optional.of(new NamedFormat(name, validate));
      },
    )
    .registerFunction(
      'Format.validate(string): optional<list<string>>',
      (format: NamedFormat, text: string) => {
        const errors = format.validate(text);
        return errors.length === 0 ? Optional.none() : Optional.of(errors);
      },
    );
  for (const [name, validate] of Object.entries(FORMATS))
    env.registerFunction(`FormatNamespace.${name}(): Format`, () => new NamedFormat(name, validate));
}
