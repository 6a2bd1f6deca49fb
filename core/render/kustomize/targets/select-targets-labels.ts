/**
 * Kubernetes label selector strings (`a=b,c!=d,e in (x,y),!f,g,h>1`) as kustomize v5.5.0 parses
 * them for `labelSelector` and `annotationSelector`: its copy of apimachinery v0.17.0's
 * `labels.Parse`, with that version's error wording.
 */

/** One requirement of a label selector. */
export interface LabelRequirement {
  key: string;
  operator: 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | '>' | '<';
  values: string[];
}

type Token = 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'in' | '<' | '!=' | 'notin' | '(' | 'id';

interface Item {
  token: Token;
  literal: string;
}

const KEYWORDS: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', ')'],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['in', 'in'],
  ['<', '<'],
  ['!=', '!='],
  ['notin', 'notin'],
  ['(', '('],
]);

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

function scan(text: string): Item[] {
  const items: Item[] = [];
  let at = 0;
  for (;;) {
    while (at < text.length && WHITESPACE.has(text[at] as string)) at += 1;
    if (at >= text.length) {
      items.push({ token: 'end', literal: '' });
      return items;
    }
    let buffer = '';
    if (SPECIAL.has(text[at] as string)) {
      // The longest run of symbols that is still an operator: `!=`, `==`, else one symbol.
      let last: Item | undefined;
      while (at < text.length && SPECIAL.has(text[at] as string)) {
        buffer += text[at] as string;
        const token = KEYWORDS.get(buffer);
        if (token !== undefined) last = { token, literal: buffer };
        else if (last !== undefined) break;
        at += 1;
      }
      items.push(last as Item);
      continue;
    }
    while (at < text.length && !SPECIAL.has(text[at] as string) && !WHITESPACE.has(text[at] as string)) {
      buffer += text[at] as string;
      at += 1;
    }
    items.push({ token: KEYWORDS.get(buffer) ?? 'id', literal: buffer });
  }
}

const NAME_MESSAGE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const NAME_FORMAT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const NAME_PATTERN = new RegExp(`^${NAME_FORMAT}$`);
const SUBDOMAIN_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const SUBDOMAIN_PATTERN = new RegExp(`^${SUBDOMAIN_FORMAT}$`);

function regexError(message: string, format: string, examples: readonly string[]): string {
  const shown = examples.map((example) => `'${example}', `).join(' or ');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}

/** apimachinery's IsQualifiedName, as its messages read in v0.17.0. */
function qualifiedNameErrors(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2)
    return [
      `a qualified name ${regexError(NAME_MESSAGE, NAME_FORMAT, ['MyName', 'my.name', '123-abc'])} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  const name = parts[parts.length - 1] as string;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix === '') errors.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errors.push('prefix part must be no more than 253 characters');
      if (!SUBDOMAIN_PATTERN.test(prefix))
        errors.push(
          `prefix part ${regexError(
            "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            SUBDOMAIN_FORMAT,
            ['example.com'],
          )}`,
        );
    }
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push('name part must be no more than 63 characters');
  if (!NAME_PATTERN.test(name))
    errors.push(`name part ${regexError(NAME_MESSAGE, NAME_FORMAT, ['MyName', 'my.name', '123-abc'])}`);
  return errors;
}

function labelValueErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push('must be no more than 63 characters');
  if (value !== '' && !NAME_PATTERN.test(value))
    errors.push(
      regexError(
        `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
        `(${NAME_FORMAT})?`,
        ['MyValue', 'my_value', '12345'],
      ),
    );
  return errors;
}

function keyError(key: string): string | undefined {
  const errors = qualifiedNameErrors(key);
  return errors.length === 0 ? undefined : `invalid label key ${JSON.stringify(key)}: ${errors.join('; ')}`;
}

/** Go's strconv.ParseInt(value, 10, 64), or undefined. */
export function parseInt64(value: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const number = BigInt(value);
  return number >= -(2n ** 63n) && number < 2n ** 63n ? number : undefined;
}

class Parser {
  private position = 0;
  private readonly items: readonly Item[];
  constructor(items: readonly Item[]) {
    this.items = items;
  }

  /** The current item; `in` and `notin` read as identifiers where values are expected. */
  private peek(values: boolean): Item {
    const item = this.items[this.position] as Item;
    return values && (item.token === 'in' || item.token === 'notin')
      ? { token: 'id', literal: item.literal }
      : item;
  }

  private next(values: boolean): Item {
    const item = this.peek(values);
    this.position += 1;
    return item;
  }

  parse(): LabelRequirement[] | string {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.peek(true);
      if (token === 'end') return requirements;
      if (token !== 'id' && token !== '!')
        return `found '${literal}', expected: !, identifier, or 'end of string'`;
      const requirement = this.requirement();
      if (typeof requirement === 'string') return `unable to parse requirement: ${requirement}`;
      requirements.push(requirement);
      const after = this.next(true);
      if (after.token === 'end') return requirements;
      if (after.token !== ',') return `found '${after.literal}', expected: ',' or 'end of string'`;
      const following = this.peek(true);
      if (following.token !== 'id' && following.token !== '!')
        return `found '${following.literal}', expected: identifier after ','`;
    }
  }

  private requirement(): LabelRequirement | string {
    let item = this.next(true);
    let negated = false;
    if (item.token === '!') {
      negated = true;
      item = this.next(true);
    }
    if (item.token !== 'id') return `found '${item.literal}', expected: identifier`;
    const key = item.literal;
    const invalidKey = keyError(key);
    if (invalidKey !== undefined) return invalidKey;
    const ahead = this.peek(true).token;
    if (negated || ahead === 'end' || ahead === ',') {
      // `!key` followed by an operator is left for the caller to reject.
      return { key, operator: negated ? '!' : 'exists', values: [] };
    }
    const operator = this.next(false);
    let values: string[] | string;
    switch (operator.token) {
      case 'in':
      case 'notin':
        values = this.setValues();
        break;
      case '=':
      case '==':
      case '!=':
      case '>':
      case '<':
        values = this.exactValue();
        break;
      default:
        return `found '${operator.literal}', expected: '=', '!=', '==', 'in', notin'`;
    }
    if (typeof values === 'string') return values;
    return this.checked({ key, operator: operator.token, values: [...new Set(values)].sort() });
  }

  private checked(requirement: LabelRequirement): LabelRequirement | string {
    const { key, operator, values } = requirement;
    if ((operator === '>' || operator === '<') && values.some((value) => parseInt64(value) === undefined))
      return "for 'Gt', 'Lt' operators, the value must be an integer";
    for (const value of values) {
      const errors = labelValueErrors(value);
      if (errors.length > 0)
        return `invalid label value: ${JSON.stringify(value)}: at key: ${JSON.stringify(key)}: ${errors.join('; ')}`;
    }
    return requirement;
  }

  private setValues(): string[] | string {
    const open = this.next(true);
    if (open.token !== '(') return `found '${open.literal}' expected: '('`;
    const first = this.peek(true);
    if (first.token === ')') {
      this.position += 1;
      return [''];
    }
    if (first.token !== 'id' && first.token !== ',')
      return `found '${first.literal}', expected: ',', ')' or identifier`;
    const values: string[] = [];
    for (;;) {
      const item = this.next(true);
      if (item.token === 'id') {
        values.push(item.literal);
        const ahead = this.peek(true);
        if (ahead.token === ',') continue;
        if (ahead.token === ')') break;
        return `found '${ahead.literal}', expected: ',' or ')'`;
      }
      if (item.token !== ',') return `found '${item.literal}', expected: ',', or identifier`;
      if (values.length === 0) values.push('');
      const ahead = this.peek(true).token;
      if (ahead === ')') {
        values.push('');
        break;
      }
      if (ahead === ',') {
        this.position += 1;
        values.push('');
      }
    }
    const close = this.next(true);
    if (close.token !== ')') return `found '${first.literal}', expected: ')'`;
    return values;
  }

  private exactValue(): string[] | string {
    const ahead = this.peek(true);
    if (ahead.token === 'end' || ahead.token === ',') return [''];
    const item = this.next(true);
    if (item.token === 'id') return [item.literal];
    return `found '${item.literal}', expected: identifier`;
  }
}

/** Parses a label selector string; an empty string selects everything. */
export function parseLabelSelector(text: string): { requirements: LabelRequirement[] } | { error: string } {
  const parsed = new Parser(scan(text)).parse();
  return typeof parsed === 'string' ? { error: parsed } : { requirements: parsed };
}

function matchesRequirement(requirement: LabelRequirement, labels: ReadonlyMap<string, string>): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    default: {
      const have = value === undefined ? undefined : parseInt64(value);
      const want = parseInt64(requirement.values[0] ?? '');
      if (have === undefined || want === undefined) return false;
      return requirement.operator === '>' ? have > want : have < want;
    }
  }
}

/** Whether labels (or annotations) meet every requirement. */
export function matchesLabelRequirements(
  requirements: readonly LabelRequirement[],
  labels: ReadonlyMap<string, string>,
): boolean {
  return requirements.every((requirement) => matchesRequirement(requirement, labels));
}
