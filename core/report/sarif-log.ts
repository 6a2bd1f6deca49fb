import type { Finding, ResourceRef } from '../findings.ts';
import type { Severity } from '../rules/rule-entry.ts';
import { ruleEntry, type RuleId } from '../rules/rule-catalog.ts';
import { fnv1a64 } from './validate/fnv1a.ts';

// SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
// The project's home page, as recorded in package.json (`homepage`).
const INFORMATION_URI = 'https://github.com/kubeproof/kubeproof';
/** Key of our fingerprint in `partialFingerprints`; bump the version if the hashed text changes. */
const FINGERPRINT_KEY = 'kubeproofFindingHash/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  notice: 'note',
};

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  help: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
}

/** One result to write: the finding, the resource it is about, and more `properties` to record. */
export interface SarifFinding {
  finding: Finding;
  resource?: ResourceRef | undefined;
  properties?: Record<string, unknown>;
}

/** Everything one SARIF run says, independent of which command produced it. */
export interface SarifRun {
  /** kubeproof's version, the driver's `version`. */
  version: string;
  findings: Iterable<SarifFinding>;
  /** Run-level notices, written as `toolExecutionNotifications`. */
  notices: readonly string[];
  elapsedSeconds: number;
}

/** `deprecated-api` -> `DeprecatedApi`: SARIF's readable rule name. */
function ruleName(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A rule of `tool.driver.rules`, as the rule catalog describes it. */
function sarifRule(ruleId: RuleId): SarifRule {
  const entry = ruleEntry(ruleId);
  return {
    id: ruleId,
    name: ruleName(ruleId),
    shortDescription: { text: entry.description },
    help: { text: entry.help },
    ...(entry.readme === undefined ? {} : { helpUri: `${INFORMATION_URI}#${entry.readme}` }),
    defaultConfiguration: { level: LEVEL[entry.defaultSeverity] },
  };
}

/**
 * A path as a SARIF artifact location: relative paths (the usual case) become a relative URI with
 * forward slashes against `%SRCROOT%`, so GitHub code scanning maps them onto the repository;
 * absolute paths become `file:` URIs. Each segment is percent-encoded.
 */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const slashed = path.replaceAll('\\', '/');
  const encode = (p: string): string => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^[A-Za-z]:\//.exec(slashed);
  if (drive) return { uri: `file:///${drive[0]}${encode(slashed.slice(drive[0].length))}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

function physicalLocation(finding: Finding): Record<string, unknown> {
  const location: Record<string, unknown> = { artifactLocation: artifactLocation(finding.path) };
  if (finding.line !== undefined && finding.line >= 1) {
    const region: Record<string, number> = { startLine: finding.line };
    if (finding.column !== undefined && finding.column >= 1) region['startColumn'] = finding.column;
    location['region'] = region;
  }
  return location;
}

function identity(resource: ResourceRef | undefined): string {
  return resource ? `${resource.kind}/${resource.namespace ?? ''}/${resource.name}` : '';
}

/**
 * A SARIF 2.1.0 log with one run: one rule per ruleId used (in order of first use), one result per
 * finding. Fingerprints hash the rule, path, resource and message (not the line, so they survive
 * edits above the finding), with an occurrence counter for identical findings. As JSON text,
 * ending with a newline.
 */
export function sarifLog(run: SarifRun): string {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const occurrences = new Map<string, number>();
  const results: Record<string, unknown>[] = [];

  for (const { finding, resource, properties } of run.findings) {
    let index = ruleIndex.get(finding.ruleId);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(finding.ruleId, index);
      rules.push(sarifRule(finding.ruleId));
    }
    const hash = fnv1a64([finding.ruleId, finding.path, identity(resource), finding.message].join('\u0000'));
    const occurrence = (occurrences.get(hash) ?? 0) + 1;
    occurrences.set(hash, occurrence);
    const sarifResult: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: index,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [{ physicalLocation: physicalLocation(finding) }],
      partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
    };
    const props = { ...(resource ? { resource } : {}), ...properties };
    if (Object.keys(props).length > 0) sarifResult['properties'] = props;
    results.push(sarifResult);
  }

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'kubeproof', informationUri: INFORMATION_URI, version: run.version, rules },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: run.notices.map((text) => ({ level: 'note', message: { text } })),
            properties: { elapsedSeconds: run.elapsedSeconds },
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
