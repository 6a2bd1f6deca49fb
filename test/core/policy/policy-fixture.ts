/** Renders a small repository with the built-in engine and runs policy on one environment of it. */
import { memoryFileSource } from '../../../core/files/file-source.ts';
import type { Finding } from '../../../core/findings.ts';
import type { PolicyEvaluator } from '../../../core/policy/policy-context.ts';
import { runPolicy, type PolicyRun } from '../../../core/policy/run-policy.ts';
import { loadConfig } from '../../../core/render/environments/load-config.ts';
import { renderEnvironments } from '../../../core/render/render-environments.ts';
import type { RuleId } from '../../../core/rules/rule-catalog.ts';

/** Runs policy on the environment at `path` (a kustomization folder) of the files. */
export async function policyOn(
  files: Record<string, string>,
  path = '',
  options: { name?: string; evaluators?: readonly PolicyEvaluator[] } = {},
): Promise<PolicyRun> {
  const source = memoryFileSource(files);
  const loaded = await loadConfig(source);
  if (loaded.findings.some((finding) => finding.severity === 'error'))
    throw new Error(`bad config in the test: ${loaded.findings.map((f) => f.message).join('; ')}`);
  const name = options.name ?? (path === '' ? 'root' : path);
  const [head] = await renderEnvironments([{ name, path, source: 'folder', renderer: 'builtin' }], {
    files: source,
  });
  if (head === undefined || !head.ok)
    throw new Error(`the test's environment did not render: ${JSON.stringify(head?.findings)}`);
  return runPolicy(
    { head, config: loaded.config },
    { files: source, ...(options.evaluators ? { evaluators: options.evaluators } : {}) },
  );
}

/** The findings of one rule, as `[path, line, severity, message]`. */
export function of(run: PolicyRun, ruleId: RuleId): [string, number | undefined, string, string][] {
  return run.findings
    .filter((finding: Finding) => finding.ruleId === ruleId)
    .map((finding) => [finding.path, finding.line, finding.severity, finding.message]);
}

/** A Deployment named `web` whose container `app` is written as `container` (YAML lines, indented 8). */
export function deployment(container: string, pod = '', spec = ''): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    ...(spec === '' ? [] : [spec]),
    '  selector:',
    '    matchLabels:',
    '      app: web',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '    spec:',
    ...(pod === '' ? [] : [pod]),
    '      containers:',
    '        - name: app',
    container,
    '',
  ].join('\n');
}

/** A container with everything the rules ask for, and `image` as given. */
export function goodContainer(
  image = 'registry.example/web:1.2.3@sha256:' + 'a'.repeat(64),
  extra = '',
): string {
  return [
    `          image: ${image}`,
    '          resources:',
    '            requests: {cpu: 100m, memory: 64Mi}',
    '            limits: {memory: 128Mi}',
    '          livenessProbe: {httpGet: {path: /, port: 8080}}',
    '          readinessProbe: {httpGet: {path: /, port: 8080}}',
    '          securityContext:',
    '            allowPrivilegeEscalation: false',
    '            runAsNonRoot: true',
    ...(extra === '' ? [] : [extra]),
  ].join('\n');
}

export const KUSTOMIZATION = 'resources:\n  - deployment.yaml\n';
