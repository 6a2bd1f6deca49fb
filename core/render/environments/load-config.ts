import schema from '../../../schemas/kubeproof-config.schema.json' with { type: 'json' };
import type { Finding } from '../../findings.ts';
import { decodeText } from '../../manifests/decode-text.ts';
import { parseYamlDocument } from '../../manifests/parse-yaml-document.ts';
import { createAjv } from '../../validate/create-ajv.ts';
import { describeSchemaErrors } from '../../validate/describe-schema-errors.ts';
import type { FileSource } from '../../files/file-source.ts';
import { checkConfig } from './check-config.ts';
import { displayPointer, locator, type Position } from './locate.ts';
import { normalizeConfig } from './normalize-config.ts';
import type { KubeproofConfig, WrittenKubeproofConfig } from './types.ts';

/** The names kubeproof reads its repository config from, in order of preference. */
export const CONFIG_FILE_NAMES = ['.kubeproof.yaml', '.kubeproof.yml'] as const;

export interface LoadConfigResult {
  /** The file read (`.kubeproof.yaml`), undefined when there is none. */
  path?: string;
  /** Undefined when there is no config file, or when it is not valid YAML or breaks the schema. */
  config?: KubeproofConfig;
  /** Problems of the file, ruleId `config`, with the line and column of the offending field. */
  findings: Finding[];
}

// Pattern failures explained in words rather than as a regular expression, by field name.
const PATTERN_HINTS: Record<string, string> = {
  name: 'letters, digits, ".", "_" and "-" only, starting and ending with a letter or digit',
  kubernetesVersion: 'a Kubernetes version written x.y.z, for example "1.31.0"',
  kubeVersion: 'a Kubernetes version written x.y.z, for example "1.31.0"',
  apiVersions: 'an API version without spaces, for example "monitoring.coreos.com/v1"',
  releaseName: 'a Helm release name: lower-case letters, digits, "-" and "."',
  namespace: 'a namespace: lower-case letters, digits and "-"',
};

function explain(pointer: string, message: string, value: unknown): string {
  // YAML reads 1.31 as a number and yes as a boolean: say how to keep them strings.
  if (/^got (number|boolean|null), want string$/.test(message)) return `${message} (quote the value in YAML)`;
  if (/\/tagFields\/\d+$/.test(pointer) && message.includes("'oneOf' failed"))
    return 'write tag with repository or image, or reference alone (a key holding a whole image reference)';
  if (!message.includes('does not match pattern')) return message;
  const field =
    pointer
      .split('/')
      .filter((token) => !/^\d+$/.test(token))
      .pop() ?? '';
  const hint = PATTERN_HINTS[field] ?? 'a path with forward slashes (no backslashes)';
  return `${JSON.stringify(value)} is not ${hint}`;
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[raw.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return node;
}

/**
 * Reads `.kubeproof.yaml` (or `.kubeproof.yml`) at the repository root. No file: no config and no
 * finding. Invalid YAML or a schema violation: findings and no config. Otherwise the config (paths
 * normalised) plus the findings of the semantic checks (duplicate names, unknown environments in
 * the promotion order, paths that leave the repository or do not exist).
 */
export async function loadConfig(files: FileSource): Promise<LoadConfigResult> {
  const present: { path: string; bytes: Uint8Array }[] = [];
  for (const name of CONFIG_FILE_NAMES) {
    const bytes = await files.readFile(name);
    if (bytes) present.push({ path: name, bytes });
  }
  const chosen = present[0];
  if (!chosen) return { findings: [] };
  const path = chosen.path;
  const findings: Finding[] = [];
  const result = (config?: KubeproofConfig): LoadConfigResult => {
    findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return config ? { path, config, findings } : { path, findings };
  };
  const report = (message: string, at: Position, severity: Finding['severity'] = 'error'): void => {
    findings.push({ ruleId: 'config', severity, message, path, line: at.line, column: at.column });
  };
  for (const ignored of present.slice(1)) {
    report(
      `${ignored.path} is ignored: ${path} is read instead; keep one of them`,
      { line: 1, column: 1 },
      'warning',
    );
  }

  const decoded = decodeText(chosen.bytes);
  if (!decoded.ok) {
    report(decoded.message, { line: decoded.line, column: 1 });
    return result();
  }
  const parsed = parseYamlDocument(decoded.text, { uniqueKeys: true, firstLine: 1 });
  for (const problem of parsed.problems) report(`invalid YAML: ${problem.message}`, problem);
  if (parsed.value === undefined) return result();

  const locate = locator(parsed.positions);
  const validate = createAjv().compile(schema);
  if (!validate(parsed.value)) {
    for (const violation of describeSchemaErrors(validate.errors ?? [], parsed.value)) {
      const message = explain(violation.path, violation.message, valueAt(parsed.value, violation.path));
      const field = violation.path === '' ? '' : `${displayPointer(violation.path)}: `;
      report(`${field}${message}`, locate(violation.focus));
    }
    return result();
  }

  const written = parsed.value as unknown as WrittenKubeproofConfig;
  findings.push(...(await checkConfig(files, written, path, locate)));
  return result(normalizeConfig(written));
}
