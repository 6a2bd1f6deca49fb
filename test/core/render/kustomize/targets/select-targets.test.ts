import { describe, expect, it } from 'vitest';
import type { JsonValue, JsonObject } from '../../../../../core/manifests/json-value.ts';
import {
  matchesSelector,
  parseSelector,
  selectResources,
  type Selector,
} from '../../../../../core/render/kustomize/targets/select-targets.ts';

// Expected values come from `kubectl kustomize` (kustomize v5.5.0) over a JSON6902 patch whose
// target is the selector, applied to these four resources.
const resources: JsonObject[] = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web', tier: 'front', ver: '3' }, annotations: { team: 'a' } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web2', namespace: 'other', labels: { app: 'api' } },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labels: {} } },
];

function select(value: JsonValue): number[] | string {
  const parsed = parseSelector(value);
  return 'error' in parsed ? parsed.error : selectResources(resources, parsed.selector);
}

describe('selectResources', () => {
  it.each<[string, JsonValue, number[]]>([
    ['empty selector', {}, [0, 1, 2, 3]],
    ['empty name', { name: '' }, [0, 1, 2, 3]],
    ['null name', { name: null, kind: 'Service' }, [2]],
    ['exact name', { name: 'web' }, [0, 2, 3]],
    ['name regex', { name: 'w.*' }, [0, 1, 2, 3]],
    ['name anchored at both ends', { name: 'we' }, []],
    ['alternation inside the anchors', { name: 'web|web2' }, [0, 1, 2, 3]],
    ['case-insensitive flag', { name: '(?i)WEB' }, [0, 2, 3]],
    ['kind regex', { kind: 'Dep.*' }, [0, 1]],
    ['kind alternation', { kind: 'Deployment|Service' }, [0, 1, 2]],
    ['group', { group: 'apps' }, [0, 1]],
    ['group prefix is not enough', { group: 'app' }, []],
    ['version regex', { version: 'v.*' }, [0, 1, 2, 3]],
    ['default namespace matches none', { namespace: 'default' }, [0, 2]],
    ['explicit namespace', { namespace: 'other' }, [1]],
    ['cluster-scoped kinds', { namespace: '_non_namespaceable_' }, [3]],
    ['field names ignore case', { NAME: 'web2' }, [1]],
    ['labelSelector key ignores case', { labelselector: 'app=api' }, [1]],
    ['equality', { labelSelector: 'app=web' }, [0, 2]],
    ['double equals', { labelSelector: 'app==web' }, [0, 2]],
    ['spaces around operators', { labelSelector: 'app = web' }, [0, 2]],
    ['inequality (absent key matches)', { labelSelector: 'app!=web' }, [1, 3]],
    ['set and does-not-exist', { labelSelector: 'app in (web,api),!tier' }, [1, 2]],
    ['notin (absent key matches)', { labelSelector: 'app notin (web)' }, [1, 3]],
    ['two notin', { labelSelector: 'app notin (web),tier notin (front)' }, [1, 3]],
    ['exists', { labelSelector: 'app' }, [0, 1, 2]],
    ['greater than', { labelSelector: 'ver>2' }, [0]],
    ['greater than with spaces', { labelSelector: 'ver > 2' }, [0]],
    ['range', { labelSelector: 'ver<4,ver>2' }, [0]],
    ['empty value', { labelSelector: 'app==' }, []],
    ['empty value with one equals', { labelSelector: 'app=' }, []],
    ['empty set', { labelSelector: 'app in ()' }, []],
    ['set of empty values', { labelSelector: 'app in (,)' }, []],
    ['empty values in a set', { labelSelector: 'app in (web,,api)' }, [0, 1, 2]],
    ['keywords as key and value', { labelSelector: 'in in (in)' }, []],
    ['empty label selector', { labelSelector: '' }, [0, 1, 2, 3]],
    ['annotation exists', { annotationSelector: 'team' }, [0]],
  ])('%s', (_, value, expected) => {
    expect(select(value)).toEqual(expected);
  });

  it('matches the first name and namespace a resource had as well as the current ones', () => {
    // A base with `namePrefix: p-` and `namespace: ns1`, patched from an overlay.
    const renamed: JsonObject[] = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'q-p-web', namespace: 'ns1' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'q-p-web2', namespace: 'ns1' } },
    ];
    const originals = [
      { name: 'web', namespace: '' },
      { name: 'web2', namespace: 'other' },
    ];
    expect(selectResources(renamed, { name: 'web' }, originals)).toEqual([0]);
    expect(selectResources(renamed, { name: 'q-p-web' }, originals)).toEqual([0]);
    // An intermediate name (after the first prefix only) is not matched.
    expect(selectResources(renamed, { name: 'p-web' }, originals)).toEqual([]);
    expect(selectResources(renamed, { namespace: 'default' }, originals)).toEqual([0]);
    expect(selectResources(renamed, { namespace: 'other' }, originals)).toEqual([1]);
    expect(selectResources(renamed, { namespace: 'ns1' }, originals)).toEqual([0, 1]);
  });
});

describe('matchesSelector', () => {
  it.each<[Selector, boolean]>([
    [{ kind: 'Deployment', name: 'web' }, true],
    [{ kind: 'Service' }, false],
    [{ labelSelector: 'tier in (front)', annotationSelector: 'team=a' }, true],
    [{ annotationSelector: 'team!=a' }, false],
  ])('%j', (selector, expected) => {
    expect(matchesSelector(resources[0] as JsonObject, selector)).toBe(expected);
  });
});

describe('parseSelector errors', () => {
  const qualified =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const labelValue =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  it.each<[string, JsonValue, string]>([
    ['not a mapping', 'web', 'json: cannot unmarshal string into Go value of type types.Selector'],
    ['a list', [], 'json: cannot unmarshal array into Go value of type types.Selector'],
    ['unknown field', { nam: 'web' }, 'json: unknown field "nam"'],
    [
      'number',
      { name: 5 },
      'json: cannot unmarshal number into Go struct field Selector.name of type string',
    ],
    ['bool', { name: true }, 'json: cannot unmarshal bool into Go struct field Selector.name of type string'],
    [
      'array',
      { name: ['a'] },
      'json: cannot unmarshal array into Go struct field Selector.name of type string',
    ],
    ['unclosed group', { name: '(web' }, 'error parsing regexp: missing closing ): `^(?:(web)$`'],
    [
      'unclosed group in kind',
      { name: 'web', kind: '(Svc' },
      'error parsing regexp: missing closing ): `^(?:(Svc)$`',
    ],
    ['lookahead', { name: 'we(?=b)' }, 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['back reference', { name: 'we\\1' }, 'error parsing regexp: invalid escape sequence: `\\1`'],
    [
      'two identifiers',
      { labelSelector: 'a b' },
      "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'",
    ],
    [
      'annotation selector',
      { annotationSelector: 'a b' },
      "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'",
    ],
    [
      'unclosed set',
      { labelSelector: 'app in (web' },
      "unable to parse requirement: found '', expected: ',' or ')'",
    ],
    [
      'unclosed set after comma',
      { labelSelector: 'app in (x,' },
      "unable to parse requirement: found '', expected: ',', or identifier",
    ],
    [
      'set without parentheses',
      { labelSelector: 'app in web' },
      "unable to parse requirement: found 'web' expected: '('",
    ],
    [
      'closing parenthesis first',
      { labelSelector: 'app in )' },
      "unable to parse requirement: found ')' expected: '('",
    ],
    [
      'operator in a set',
      { labelSelector: 'app in (=)' },
      "unable to parse requirement: found '=', expected: ',', ')' or identifier",
    ],
    [
      'space-separated set',
      { labelSelector: 'app in (web api)' },
      "unable to parse requirement: found 'api', expected: ',' or ')'",
    ],
    [
      'not an integer',
      { labelSelector: 'ver>x' },
      "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    [
      'missing integer',
      { labelSelector: 'app>' },
      "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    ['bare not', { labelSelector: '!' }, "unable to parse requirement: found '', expected: identifier"],
    ['not then operator', { labelSelector: '!app=web' }, "found '=', expected: ',' or 'end of string'"],
    ['two equals', { labelSelector: 'app=web=x' }, "found '=', expected: ',' or 'end of string'"],
    ['leading comma', { labelSelector: ',app' }, "found ',', expected: !, identifier, or 'end of string'"],
    ['trailing comma', { labelSelector: 'app,' }, "found '', expected: identifier after ','"],
    ['double comma', { labelSelector: 'app=web,,x' }, "found ',', expected: identifier after ','"],
    [
      'key then not',
      { labelSelector: 'app!' },
      "unable to parse requirement: found '!', expected: '=', '!=', '==', 'in', notin'",
    ],
    [
      'bad key',
      { labelSelector: '-app=web' },
      `unable to parse requirement: invalid label key "-app": name part ${qualified}`,
    ],
    [
      'empty prefix',
      { labelSelector: '/b' },
      'unable to parse requirement: invalid label key "/b": prefix part must be non-empty',
    ],
    [
      'two slashes',
      { labelSelector: 'a/b/c' },
      `unable to parse requirement: invalid label key "a/b/c": a qualified name ${qualified} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ],
    [
      'upper-case prefix',
      { labelSelector: 'A.com/b' },
      "unable to parse requirement: invalid label key \"A.com/b\": prefix part a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ],
    [
      'long key',
      { labelSelector: 'a'.repeat(69) },
      `unable to parse requirement: invalid label key "${'a'.repeat(69)}": name part must be no more than 63 characters`,
    ],
    [
      'bad value',
      { labelSelector: 'app=-web' },
      `unable to parse requirement: invalid label value: "-web": at key: "app": ${labelValue}`,
    ],
    [
      'bad value in a set',
      { labelSelector: 'app in (web,-x)' },
      `unable to parse requirement: invalid label value: "-x": at key: "app": ${labelValue}`,
    ],
    [
      'signed integer',
      { labelSelector: 'ver>+2' },
      `unable to parse requirement: invalid label value: "+2": at key: "ver": ${labelValue}`,
    ],
    [
      'label selector before annotation selector',
      { labelSelector: 'a b', annotationSelector: 'c d' },
      "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'",
    ],
  ])('%s', (_, value, expected) => {
    expect(parseSelector(value)).toEqual({ error: expected });
  });
});
