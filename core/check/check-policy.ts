import type { FileSource } from '../files/file-source.ts';
import type { Finding } from '../findings.ts';
import { stringAt, type JsonObject } from '../manifests/json-value.ts';
import { loadAdmissionDocuments } from '../policy/admission-documents.ts';
import { createPolicyLocators, runPolicy } from '../policy/run-policy.ts';
import type { KubeproofConfig } from '../render/environments/types.ts';
import type { RenderedEnvironment } from '../render/render-environments.ts';
import type { EnvironmentCheck } from '../report/check-report.ts';

function nameOf(object: JsonObject): string {
  return stringAt(object, 'metadata', 'name') ?? '';
}

/**
 * The check's policy pass: every rendered head environment through runPolicy, with its base when
 * there is one and the documents of `policy.admissionPolicies`, read once. One `EnvironmentCheck`
 * per environment (the report's `policy`), and the findings of the policy files themselves.
 */
export async function checkPolicy(
  rendered: readonly RenderedEnvironment[],
  bases: ReadonlyMap<string, RenderedEnvironment>,
  config: KubeproofConfig | undefined,
  files: FileSource,
): Promise<{ checks: EnvironmentCheck[]; findings: Finding[]; admissionPolicies: number }> {
  const admission = await loadAdmissionDocuments(files, config?.policy?.admissionPolicies ?? []);
  const locators = createPolicyLocators(files);
  const checks: EnvironmentCheck[] = [];
  // The ValidatingAdmissionPolicies evaluated, by name: the footer says how many there were.
  const policies = new Set<string>();
  const isPolicy = (object: JsonObject) =>
    object['kind'] === 'ValidatingAdmissionPolicy' &&
    object['apiVersion'] === 'admissionregistration.k8s.io/v1';
  for (const { object } of admission.documents) if (isPolicy(object)) policies.add(nameOf(object));
  for (const head of rendered) {
    for (const { object } of head.resources) if (isPolicy(object)) policies.add(nameOf(object));
    const base = bases.get(head.environment.name);
    const admissionDocuments = admission.documents;
    const run = await runPolicy({ head, base, config, admissionDocuments }, { locators });
    // What the base already had is not the change's doing: counted, not listed (a reviewer reads
    // what this pull request adds). Without a base, every finding is listed.
    const before =
      base === undefined || !base.ok
        ? undefined
        : new Set((await runPolicy({ head: base, base: undefined, config, admissionDocuments })).keys);
    const findings =
      before === undefined
        ? run.findings
        : run.findings.filter((_, index) => !before.has(run.keys[index] ?? ''));
    const existing = run.findings.length - findings.length;
    checks.push({
      environment: head.environment.name,
      resources: head.resources.length,
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
      findings,
      ...(run.suppressed > 0 ? { suppressed: run.suppressed } : {}),
      ...(existing > 0 ? { existing } : {}),
    });
  }
  return { checks, findings: admission.findings, admissionPolicies: policies.size };
}
