import type { Finding } from '../../findings.ts';
import type { FileSource } from '../../files/file-source.ts';
import { RULES } from '../../rules/rule-catalog.ts';
import { pointerToken } from './locate.ts';
import { normalizeRepoPath, showPath } from './repo-path.ts';
import type { WrittenKubeproofConfig } from './types.ts';

type Report = (message: string, pointer: string, severity?: Finding['severity']) => void;

/** Whether `id` is a policy rule of the catalog (docs/rules.md). */
export function isPolicyRule(id: string): boolean {
  return Object.hasOwn(RULES, id) && RULES[id as keyof typeof RULES].group === 'policy';
}

/** Whether a name of the config names the environment: its whole name, or its stage (`app/prod`). */
export function namesEnvironment(names: readonly string[] | undefined, environment: string): boolean {
  if (names === undefined) return false;
  const stage = environment.slice(environment.lastIndexOf('/') + 1);
  return names.includes(environment) || names.includes(stage);
}

function checkRules(
  rules: Record<string, unknown> | undefined,
  at: string,
  field: string,
  report: Report,
): void {
  for (const id of Object.keys(rules ?? {})) {
    if (isPolicyRule(id)) continue;
    const known = Object.hasOwn(RULES, id);
    report(
      `${field}: ${JSON.stringify(id)} is ${known ? 'not a policy rule (only policy rules can be set here)' : 'not a rule kubeproof knows'}; docs/rules.md lists the policy rules; the setting is ignored`,
      `${at}/${pointerToken(id)}`,
    );
  }
}

/**
 * The checks of `policy:` a schema cannot express: rule ids the catalog knows as policy rules,
 * environment names that are declared (when `environments` declares them), and admission policy
 * paths that are files or folders of the repository.
 */
export async function checkPolicyConfig(
  files: FileSource,
  config: WrittenKubeproofConfig,
  report: Report,
): Promise<void> {
  const policy = config.policy;
  if (policy === undefined) return;
  checkRules(policy.rules, '/policy/rules', 'policy.rules', report);
  const declared = config.environments?.map((environment) => environment.name);
  const isDeclared = (name: string): boolean =>
    declared === undefined || declared.some((each) => namesEnvironment([name], each));
  const known = (declared ?? []).map((n) => JSON.stringify(n)).join(', ');
  for (const [name, settings] of Object.entries(policy.environments ?? {})) {
    const at = `/policy/environments/${pointerToken(name)}`;
    if (!isDeclared(name))
      report(
        `policy.environments: ${JSON.stringify(name)} is not a declared environment (declared: ${known})`,
        at,
      );
    checkRules(settings.rules, `${at}/rules`, `policy.environments.${name}.rules`, report);
  }
  for (const [index, name] of (policy.production ?? []).entries())
    if (!isDeclared(name))
      report(
        `policy.production[${index}]: ${JSON.stringify(name)} is not a declared environment (declared: ${known})`,
        `/policy/production/${index}`,
      );
  for (const [index, written] of (policy.admissionPolicies ?? []).entries()) {
    const pointer = `/policy/admissionPolicies/${index}`;
    const path = normalizeRepoPath(written);
    if (path === undefined) {
      report(
        `policy.admissionPolicies[${index}]: ${JSON.stringify(written)} is outside the repository; write a path relative to the repository root`,
        pointer,
      );
      continue;
    }
    const exists =
      path === '' ||
      (await files.listDirectory(path)) !== undefined ||
      (await files.readFile(path)) !== undefined;
    if (!exists)
      report(
        `policy.admissionPolicies[${index}]: there is no file or folder ${showPath(path)} in the repository`,
        pointer,
      );
  }
}
