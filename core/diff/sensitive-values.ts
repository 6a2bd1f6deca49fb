/**
 * Finds the values of a resource that must not be shown. The rules are documented in redact.ts.
 */
import { type JsonValue, type JsonObject, isJsonObject } from '../manifests/json-value.ts';
import type { ResolvedDiffOptions } from './diff-options.ts';
import { formatStep, joinSteps, selectPath } from './object-path.ts';

export interface SensitiveValue {
  parent: JsonValue[] | JsonObject;
  key: string | number;
  /** Printed path of the value, the same on both sides for the same field. */
  location: string;
  type: 'redacted' | 'encrypted';
  /** Kept before the marker: `--password=` of `--password=hunter2`. */
  prefix?: string;
  /** Set when only one line of a multi-line string is sensitive (`password=...` in a properties file). */
  line?: { index: number; prefix: string };
}

/** SOPS writes `ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]` (https://github.com/getsops/sops). */
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,/;
/** PEM private keys: PKCS#8, RSA, EC, OpenSSH, encrypted ones, and PGP private key blocks. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
/** Keys that name a reference (`secretName`, `tokenSecretRef`), not hold a secret. */
const REFERENCE_KEY = /(Name|Ref|Namespace|Path|File|Key[Rr]ef|Selector)$/;
/** `--password=...`, `-p=...`, `DB_PASSWORD=...` inside an argument list. */
const ASSIGNMENT = /^(-{0,2}[A-Za-z_][A-Za-z0-9_.-]*)=(.+)$/s;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** A `key = value` or `key: value` line of a config file (properties, .env, YAML, JSON, INI). */
// `s`: a value may hold \r, U+2028 or U+2029, which `.` alone does not match (the line would escape redaction).
const CONFIG_LINE = /^(\s*(?:export\s+)?["']?)([A-Za-z0-9_.\-[\]]+)(["']?\s*[:=]\s*)(\S.*)$/s;

interface Walk {
  found: Map<string, SensitiveValue>;
  pattern: RegExp | undefined;
}

function add(walk: Walk, value: Omit<SensitiveValue, 'location'>, steps: readonly string[]): void {
  const element = (value.parent as Record<string | number, JsonValue>)[value.key];
  const path = joinSteps([...steps, formatStep(value.key, element)]);
  const base = value.line === undefined ? path : `${path}/${value.line.prefix.trim()}`;
  // Two elements may print alike (duplicate env names): number the later ones, so each is redacted.
  for (let n = 1; ; n++) {
    const location = n === 1 ? base : `${base}#${n}`;
    const existing = walk.found.get(location);
    if (existing === undefined) return void walk.found.set(location, { ...value, location });
    if (
      existing.parent === value.parent &&
      existing.key === value.key &&
      existing.line?.index === value.line?.index
    )
      return;
  }
}

function isScalar(value: JsonValue | undefined): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function addMembers(
  walk: Walk,
  object: JsonObject,
  field: string,
  steps: string[],
  type: SensitiveValue['type'],
): void {
  const value = object[field];
  if (value === undefined) return;
  if (!isJsonObject(value)) return add(walk, { parent: object, key: field, type }, steps);
  const inner = [...steps, formatStep(field)];
  for (const key of Object.keys(value)) {
    const member = value[key];
    add(
      walk,
      {
        parent: value,
        key,
        type: typeof member === 'string' && SOPS_VALUE.test(member) ? 'encrypted' : type,
      },
      inner,
    );
  }
}

function objectRules(walk: Walk, object: JsonObject, steps: string[]): void {
  if (object.kind === 'Secret') {
    addMembers(walk, object, 'data', steps, 'redacted');
    addMembers(walk, object, 'stringData', steps, 'redacted');
  }
  if (object.kind === 'SealedSecret' && isJsonObject(object.spec)) {
    const spec = object.spec;
    const inner = [...steps, formatStep('spec')];
    addMembers(walk, spec, 'encryptedData', inner, 'encrypted');
    if (spec.data !== undefined) add(walk, { parent: spec, key: 'data', type: 'encrypted' }, inner);
  }
  if (steps.length === 0 && isJsonObject(object.sops))
    add(walk, { parent: object, key: 'sops', type: 'encrypted' }, steps);
  const name = object.name;
  if (
    walk.pattern !== undefined &&
    typeof name === 'string' &&
    walk.pattern.test(name) &&
    isScalar(object.value)
  )
    add(walk, { parent: object, key: 'value', type: 'redacted' }, steps);
}

function stringRules(
  walk: Walk,
  parent: JsonValue[] | JsonObject,
  key: string | number,
  value: string,
  steps: string[],
): void {
  if (SOPS_VALUE.test(value)) return add(walk, { parent, key, type: 'encrypted' }, steps);
  if (PRIVATE_KEY.test(value)) return add(walk, { parent, key, type: 'redacted' }, steps);
  if (value.includes('\n')) return lineRules(walk, parent, key, value, steps);
  if (typeof key !== 'number' || walk.pattern === undefined) return;
  const assignment = ASSIGNMENT.exec(value);
  if (assignment !== null && walk.pattern.test(assignment[1] as string))
    add(walk, { parent, key, type: 'redacted', prefix: `${assignment[1] as string}=` }, steps);
}

/** Redacts the value part of `password=...` lines in a multi-line string (a config file in a ConfigMap). */
function lineRules(
  walk: Walk,
  parent: JsonValue[] | JsonObject,
  key: string | number,
  value: string,
  steps: string[],
): void {
  if (walk.pattern === undefined) return;
  value.split('\n').forEach((text, index) => {
    const match = CONFIG_LINE.exec(text);
    if (match === null || !walk.pattern?.test(match[2] as string) || REFERENCE_KEY.test(match[2] as string))
      return;
    const value = match[4] as string;
    if (value === '{' || value === '[' || value === '|' || value === '>') return;
    add(
      walk,
      { parent, key, type: 'redacted', line: { index, prefix: `${match[1]}${match[2]}${match[3]}` } },
      steps,
    );
  });
}

function visit(walk: Walk, value: JsonValue, steps: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === 'string') stringRules(walk, value, index, item, steps);
      else visit(walk, item, [...steps, formatStep(index, item)]);
    });
    return;
  }
  if (!isJsonObject(value)) return;
  objectRules(walk, value, steps);
  for (const [key, child] of Object.entries(value)) {
    const named =
      key === LAST_APPLIED ||
      (walk.pattern !== undefined && walk.pattern.test(key) && !REFERENCE_KEY.test(key));
    if (typeof child === 'string') {
      if (named && !SOPS_VALUE.test(child)) add(walk, { parent: value, key, type: 'redacted' }, steps);
      else stringRules(walk, value, key, child, steps);
    } else if (named && typeof child === 'number') add(walk, { parent: value, key, type: 'redacted' }, steps);
    else visit(walk, child, [...steps, formatStep(key, child)]);
  }
}

/**
 * Every value of a resource to redact, by location (the first rule that claims a value wins).
 * The caller replaces them; this function does not modify the object.
 */
export function findSensitiveValues(object: JsonObject, options: ResolvedDiffOptions): SensitiveValue[] {
  const walk: Walk = { found: new Map(), pattern: options.redactKeyPattern };
  for (const path of options.redactPaths) {
    if (path.kind !== undefined && path.kind !== object.kind) continue;
    for (const match of selectPath(object, path.segments))
      add(walk, { parent: match.parent, key: match.key, type: 'redacted' }, match.steps.slice(0, -1));
  }
  visit(walk, object, []);
  return [...walk.found.values()];
}
