/**
 * The policy benchmark: every built-in rule over 30,000 rendered resources (100 environments of
 * 60 apps, five resources each: Deployment, Service, ConfigMap, Secret, ServiceAccount), in this
 * process, from the sources. Findings are placed at their source line, so each manifest file is
 * parsed, as the check does. The manifests are block-style YAML, as most are (a document with flow
 * collections is read by the full parser, several times slower). Issue 13's target is under 3 s
 * with 10 CEL policies besides: the admission benchmark's, evaluated in the same pass (each
 * environment has a Namespace they select and the params ConfigMap they read).
 * KUBEPROOF_BENCH_UNPLACED=1 measures the rules without placing; KUBEPROOF_BENCH_NO_CEL=1 without
 * the CEL policies.
 */
import { memoryFileSource } from '../core/files/file-source.ts';
import { parseYamlDocument } from '../core/manifests/parse-yaml-document.ts';
import type { JsonObject } from '../core/manifests/json-value.ts';
import { splitDocuments } from '../core/manifests/split-documents.ts';
import { createPolicyLocators, runPolicy } from '../core/policy/run-policy.ts';
import { policyDocuments } from './admission-bench.ts';
import type { RenderedEnvironment } from '../core/render/render-environments.ts';

const ENVIRONMENTS = 100;
const APPS = 60;

function appYaml(env: number, app: number): string {
  const name = `app-${app}`;
  const n = env * APPS + app;
  const tag = n % 10 === 0 ? 'latest' : `1.${n % 7}.0`;
  const probe = '\n            httpGet:\n              path: /\n              port: 8080\n';
  const probes = n % 3 === 0 ? '' : `          livenessProbe:${probe}          readinessProbe:${probe}`;
  const security =
    n % 4 === 0
      ? '          securityContext:\n            privileged: true\n'
      : '          securityContext:\n            allowPrivilegeEscalation: false\n            runAsNonRoot: true\n';
  const secretData = n % 2 === 0 ? 'data:\n  token: c2VjcmV0' : 'type: Opaque';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: env-${env}
spec:
  replicas: ${n % 5 === 0 ? 1 : 3}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: ghcr.io/acme/${name}:${tag}
          envFrom:
            - configMapRef:
                name: ${name}
          env:
            - name: MODE
              value: a
            - name: TOKEN
              valueFrom:
                secretKeyRef:
                  name: ${name}
                  key: token
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              memory: 128Mi
${probes}${security}---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: env-${env}
spec:
  selector:
    app: ${n % 11 === 0 ? 'nobody' : name}
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: env-${env}
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Secret
metadata:
  name: ${name}
  namespace: env-${env}
${secretData}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
  namespace: env-${env}
`;
}

/** The environment's Namespace, which the CEL policies' bindings select, and their params. */
function namespaceYaml(env: number): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: env-${env}
  labels:
    team: apps
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: limits
  namespace: env-${env}
data:
  maxReplicas: "10"
`;
}

/** Runs the benchmark; returns the seconds the policy pass took. */
export async function policyBenchmark(): Promise<number> {
  const files: Record<string, string> = {};
  const rendered: RenderedEnvironment[] = [];
  for (let env = 0; env < ENVIRONMENTS; env++) {
    const path = `envs/env-${env}`;
    const environment: RenderedEnvironment = {
      environment: { name: `env-${env}`, path, source: 'folder', renderer: 'none' },
      ok: true,
      resources: [],
      findings: [],
    };
    for (let app = -1; app < APPS; app++) {
      const file = app === -1 ? `${path}/namespace.yaml` : `${path}/app-${app}.yaml`;
      const text = app === -1 ? namespaceYaml(env) : appYaml(env, app);
      files[file] = text;
      for (const span of splitDocuments(text)) {
        const parsed = parseYamlDocument(text.slice(span.bodyStart, span.end), {
          uniqueKeys: false,
          firstLine: span.bodyLine,
        });
        environment.resources.push({
          object: parsed.value as JsonObject,
          origin: { path: file, line: span.bodyLine },
        });
      }
    }
    rendered.push(environment);
  }
  const resources = rendered.reduce((total, environment) => total + environment.resources.length, 0);
  const config = { version: 1 as const, promotion: { order: ['env-0', 'env-99'], protected: ['env-99'] } };
  const source = memoryFileSource(files);
  const started = performance.now();
  const locators = createPolicyLocators(source);
  let findings = 0;
  const placed = process.env['KUBEPROOF_BENCH_UNPLACED'] === undefined;
  const cel = process.env['KUBEPROOF_BENCH_NO_CEL'] === undefined;
  const admissionDocuments = cel ? policyDocuments() : [];
  for (const head of rendered)
    findings += (await runPolicy({ head, config, admissionDocuments }, placed ? { locators } : {})).findings
      .length;
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\npolicy: every built-in rule${cel ? ' and 10 CEL policies' : ''} over ${resources} rendered resources (${ENVIRONMENTS} environments), findings placed at their source line`,
  );
  console.log(
    `${'runPolicy, all environments (in process)'.padEnd(60)} ${seconds.toFixed(2).padStart(6)} s  ${findings} findings  ${Math.round(resources / seconds)} resources/s`,
  );
  console.log(`${''.padEnd(60)} target: under 3 s for the built-in rules and 10 CEL policies`);
  return seconds;
}
