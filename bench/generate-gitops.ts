/**
 * A generated GitOps repository for the render benchmark: apps × environments, laid out as
 * people lay them out (`apps/<app>/base/` plus `apps/<app>/envs/<env>/` overlays). Deterministic:
 * every "random" choice comes from a PRNG seeded with the app's index.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const GITOPS_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
type Environment = (typeof GITOPS_ENVIRONMENTS)[number];

const DOMAINS = [
  'catalog',
  'cart',
  'checkout',
  'payments',
  'orders',
  'inventory',
  'shipping',
  'pricing',
  'search',
  'reviews',
  'accounts',
  'auth',
  'notifications',
  'billing',
  'invoices',
  'recommendations',
  'media',
  'loyalty',
  'returns',
  'analytics',
];
const ROLES = ['api', 'worker', 'web', 'gateway', 'sync'];
const TEAMS = ['storefront', 'fulfilment', 'finance', 'platform', 'growth'];

/** mulberry32: a small, seeded PRNG (the benchmark must render the same repository every time). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface App {
  index: number;
  name: string;
  role: string;
  team: string;
  port: number;
  version: [number, number, number];
  /** Has a log-shipping sidecar (dev overlays delete it with `$patch: delete`). */
  sidecar: boolean;
  /** Has an init container (busybox, renamed by prod's `images:`). */
  init: boolean;
  /** Overlays merge literals into the base ConfigMap with `behavior: merge`. */
  mergeConfig: boolean;
}

function appOf(index: number): App {
  const random = seeded(0x6b756265 + index);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return {
    index,
    name: `${DOMAINS[index % DOMAINS.length]}-${ROLES[Math.floor(index / DOMAINS.length) % ROLES.length]}`,
    role: ROLES[Math.floor(index / DOMAINS.length) % ROLES.length] as string,
    team: TEAMS[index % TEAMS.length] as string,
    port: pick([8080, 8000, 3000, 5000, 9000]),
    version: [1 + Math.floor(random() * 3), Math.floor(random() * 20), Math.floor(random() * 10)],
    sidecar: index % 3 === 0,
    init: index % 4 === 1,
    mergeConfig: index % 4 === 2,
  };
}

function deploymentYaml(app: App): string {
  const { name, port } = app;
  const init = app.init
    ? `      initContainers:
        - name: wait-for-db
          image: busybox:1.36
          command: ["sh", "-c", "until nc -z ${app.team}-db 5432; do echo waiting; sleep 2; done"]
          resources:
            requests:
              cpu: 10m
              memory: 16Mi
`
    : '';
  const sidecar = app.sidecar
    ? `        - name: log-shipper
          image: fluent/fluent-bit:3.1.4
          args: ["--config=/fluent-bit/etc/fluent-bit.conf"]
          resources:
            requests:
              cpu: 20m
              memory: 32Mi
            limits:
              memory: 64Mi
          volumeMounts:
            - name: tmp
              mountPath: /var/log/app
              readOnly: true
`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/component: ${app.role}
  annotations:
    kubeproof.dev/owner: "team-${app.team}"
spec:
  replicas: 1
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
        app.kubernetes.io/component: ${app.role}
      annotations:
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
    spec:
      terminationGracePeriodSeconds: 30
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
${init}      containers:
        - name: ${name}
          image: registry.example.com/${app.team}/${name}:1.0.0
          imagePullPolicy: IfNotPresent
          args:
            - --port=${port}
            - --config=/etc/${name}/app.properties
          ports:
            - name: http
              containerPort: ${port}
              protocol: TCP
            - name: metrics
              containerPort: 9090
              protocol: TCP
          env:
            - name: LOG_LEVEL
              value: info
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            - name: GOMAXPROCS
              valueFrom:
                resourceFieldRef:
                  resource: limits.cpu
            - name: FEATURE_FLAGS
              valueFrom:
                configMapKeyRef:
                  name: ${name}-config
                  key: FEATURE_FLAGS
          envFrom:
            - configMapRef:
                name: ${name}-runtime
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          livenessProbe:
            httpGet:
              path: /livez
              port: http
            initialDelaySeconds: 10
            periodSeconds: 20
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: 10
            failureThreshold: 3
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: ["ALL"]
          volumeMounts:
            - name: config
              mountPath: /etc/${name}
              readOnly: true
            - name: tmp
              mountPath: /tmp
${sidecar}      volumes:
        - name: config
          configMap:
            name: ${name}-config
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
`;
}

function serviceYaml(app: App): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${app.name}
  labels:
    app.kubernetes.io/name: ${app.name}
spec:
  type: ClusterIP
  selector:
    app.kubernetes.io/name: ${app.name}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
    - name: metrics
      port: 9090
      targetPort: metrics
`;
}

function configMapYaml(app: App): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app.name}-config
  labels:
    app.kubernetes.io/name: ${app.name}
data:
  FEATURE_FLAGS: "search,recommendations"
  LOG_FORMAT: json
  MAX_CONNECTIONS: "${50 + (app.index % 10) * 10}"
  UPSTREAM_URL: http://${app.team}-gateway:8080/api/v1
  app.properties: |
    server.port=${app.port}
    server.shutdown=graceful
    management.port=9090
    # ${app.name} owned by ${app.team}
    cache.enabled=true
    cache.ttl=30s
`;
}

function baseKustomization(app: App): string {
  const templates = app.index % 2 === 0 ? '\n    includeTemplates: true' : '';
  return `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
  - service.yaml
  - configmap.yaml
labels:
  - pairs:
      app.kubernetes.io/part-of: shop
      app.kubernetes.io/managed-by: kustomize${templates}
`;
}

const SIZES: Record<
  Environment,
  { replicas: number; cpu: string; memory: string; limitCpu: string; limitMemory: string }
> = {
  dev: { replicas: 1, cpu: '50m', memory: '64Mi', limitCpu: '250m', limitMemory: '128Mi' },
  staging: { replicas: 2, cpu: '100m', memory: '128Mi', limitCpu: '500m', limitMemory: '256Mi' },
  prod: { replicas: 3, cpu: '250m', memory: '512Mi', limitCpu: '1', limitMemory: '1Gi' },
};
const LOG_LEVELS: Record<Environment, string> = { dev: 'debug', staging: 'info', prod: 'warn' };

function strategicMergePatch(app: App, env: Environment): string {
  const size = SIZES[env];
  const replicas = size.replicas + (env === 'prod' ? app.index % 3 : 0);
  const dropSidecar =
    env === 'dev' && app.sidecar
      ? `        - name: log-shipper
          $patch: delete
`
      : '';
  const spread =
    env === 'prod'
      ? `      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              app.kubernetes.io/name: ${app.name}
`
      : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app.name}
spec:
  replicas: ${replicas}
  template:
    spec:
${spread}      containers:
        - name: ${app.name}
          resources:
            requests:
              cpu: ${size.cpu}
              memory: ${size.memory}
            limits:
              cpu: "${size.limitCpu}"
              memory: ${size.limitMemory}
          env:
            - name: LOG_LEVEL
              value: ${LOG_LEVELS[env]}
            - name: OTEL_EXPORTER_OTLP_ENDPOINT
              value: http://otel-collector.observability.svc:4317
            - name: OTEL_RESOURCE_ATTRIBUTES
              value: deployment.environment=${env},service.name=${app.name}
${dropSidecar}`;
}

/** Operations of the JSON6902 patch on the Deployment (staging writes them as JSON, the others as YAML). */
function jsonPatchOps(app: App, env: Environment): { op: string; path: string; value?: unknown }[] {
  const ops: { op: string; path: string; value?: unknown }[] = [
    {
      op: 'replace',
      path: '/spec/template/spec/containers/0/readinessProbe/periodSeconds',
      value: env === 'prod' ? 5 : 15,
    },
    { op: 'add', path: '/spec/template/spec/containers/0/args/-', value: `--environment=${env}` },
    {
      op: 'add',
      path: '/spec/template/metadata/annotations/rollout.example.com~1strategy',
      value: env === 'prod' ? 'canary' : 'recreate',
    },
  ];
  if (env === 'prod')
    ops.push({ op: 'add', path: '/spec/template/spec/priorityClassName', value: 'business-critical' });
  if (env === 'dev') ops.push({ op: 'remove', path: '/spec/template/spec/containers/0/livenessProbe' });
  return ops;
}

function jsonPatchYaml(ops: ReturnType<typeof jsonPatchOps>): string {
  return ops
    .map((op) => {
      const value =
        op.value === undefined
          ? ''
          : `\n  value: ${typeof op.value === 'string' ? op.value : JSON.stringify(op.value)}`;
      return `- op: ${op.op}\n  path: ${op.path}${value}\n`;
    })
    .join('');
}

function imageTag(app: App, env: Environment): string {
  const [major, minor, patch] = app.version;
  if (env === 'dev') return `${major}.${minor + 1}.0-dev.${(app.index * 7) % 50}`;
  if (env === 'staging') return `${major}.${minor}.${patch + 1}-rc.1`;
  return `${major}.${minor}.${patch}`;
}

function overlayKustomization(app: App, env: Environment, envIndex: number): string {
  const mode = (app.index + envIndex) % 3; // 0: namespace, 1: namePrefix, 2: both
  const lines = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization'];
  if (mode !== 1) lines.push(`namespace: ${app.team}-${env}`);
  if (mode !== 0) lines.push(`namePrefix: ${env}-`);
  lines.push('commonLabels:', `  environment: ${env}`, `  team: ${app.team}`);
  lines.push('resources:', '  - ../../base');
  if (env === 'prod') lines.push('  - pdb.yaml');
  const jsonPatchFile = env === 'staging' ? 'deployment-json-patch.json' : 'deployment-json-patch.yaml';
  lines.push(
    'patches:',
    '  - path: deployment-patch.yaml',
    `  - path: ${jsonPatchFile}`,
    '    target:',
    '      group: apps',
    '      version: v1',
    '      kind: Deployment',
    `      name: ${app.name}`,
    '  - target:',
    '      kind: Service',
    `      name: ${app.name}`,
    '    patch: |-',
    '      - op: add',
    '        path: /metadata/annotations',
    '        value:',
    `          service.example.com/tier: ${env}`,
    `          service.example.com/owner: team-${app.team}`,
  );
  lines.push('images:', `  - name: registry.example.com/${app.team}/${app.name}`);
  if (env === 'prod' && app.index % 7 === 0) {
    const digest = createHash('sha256')
      .update(`${app.name}@${imageTag(app, env)}`)
      .digest('hex');
    lines.push(`    digest: sha256:${digest}`);
  } else lines.push(`    newTag: ${imageTag(app, env)}`);
  if (env === 'prod' && app.init)
    lines.push('  - name: busybox', '    newName: mirror.example.com/library/busybox');
  if (env === 'prod' && app.index % 5 === 0)
    lines.push('replicas:', `  - name: ${app.name}`, `    count: ${5 + (app.index % 4)}`);
  lines.push(
    'configMapGenerator:',
    `  - name: ${app.name}-runtime`,
    '    envs:',
    '      - runtime.env',
    '    literals:',
    `      - ENVIRONMENT=${env}`,
    `      - RELEASE=${imageTag(app, env)}`,
    `      - REGION=${env === 'prod' ? 'eu-west-1' : 'eu-central-1'}`,
  );
  if (app.mergeConfig)
    lines.push(
      `  - name: ${app.name}-config`,
      '    behavior: merge',
      '    literals:',
      `      - LOG_FORMAT=${env === 'dev' ? 'text' : 'json'}`,
      `      - MAX_CONNECTIONS=${SIZES[env].replicas * 100}`,
    );
  return `${lines.join('\n')}\n`;
}

function runtimeEnv(app: App, env: Environment): string {
  return `# ${app.name} runtime settings for ${env}
DATABASE_HOST=${app.team}-db.${app.team}-${env}.svc.cluster.local
DATABASE_PORT=5432
DATABASE_POOL_SIZE=${SIZES[env].replicas * 5}
CACHE_TTL=${30 * (1 + (app.index % 4))}s
UPSTREAM_URL=http://gateway.${env}.example.com:8080/api
GREETING=hello from ${env}
MAIL_FROM="Shop ${env} <noreply@example.com>"

FEATURE_NEW_CHECKOUT=${env === 'prod' ? 'false' : 'true'}
`;
}

function pdbYaml(app: App): string {
  const budget = app.index % 2 === 0 ? 'minAvailable: 2' : 'maxUnavailable: 1';
  return `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ${app.name}
spec:
  ${budget}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app.name}
`;
}

/**
 * Writes (replacing) a GitOps repository of `apps` apps × dev/staging/prod into `root`, an empty
 * Git repository of its own. Returns the overlay folders, relative to `root`
 * (`apps/<app>/envs/<env>`), in a stable order.
 */
export function writeGitopsRepo(root: string, apps = 100): string[] {
  rmSync(root, { recursive: true, force: true });
  const overlays: string[] = [];
  const write = (path: string, text: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  // A GitOps repository is a repository of its own: an empty one (what `git init` makes) marks its
  // root, so kubeproof does not take the enclosing checkout for it.
  mkdirSync(join(root, '.git', 'objects'), { recursive: true });
  mkdirSync(join(root, '.git', 'refs'), { recursive: true });
  write('.git/HEAD', 'ref: refs/heads/main\n');
  write(
    'README.md',
    `# Generated GitOps repository (kubeproof render benchmark)\n\n${apps} apps × ${GITOPS_ENVIRONMENTS.join(', ')}.\n`,
  );
  for (let i = 0; i < apps; i++) {
    const app = appOf(i);
    const base = `apps/${app.name}/base`;
    write(`${base}/kustomization.yaml`, baseKustomization(app));
    write(`${base}/deployment.yaml`, deploymentYaml(app));
    write(`${base}/service.yaml`, serviceYaml(app));
    write(`${base}/configmap.yaml`, configMapYaml(app));
    GITOPS_ENVIRONMENTS.forEach((env, envIndex) => {
      const dir = `apps/${app.name}/envs/${env}`;
      write(`${dir}/kustomization.yaml`, overlayKustomization(app, env, envIndex));
      write(`${dir}/deployment-patch.yaml`, strategicMergePatch(app, env));
      const ops = jsonPatchOps(app, env);
      if (env === 'staging') write(`${dir}/deployment-json-patch.json`, `${JSON.stringify(ops, null, 2)}\n`);
      else write(`${dir}/deployment-json-patch.yaml`, jsonPatchYaml(ops));
      write(`${dir}/runtime.env`, runtimeEnv(app, env));
      if (env === 'prod') write(`${dir}/pdb.yaml`, pdbYaml(app));
      overlays.push(dir);
    });
  }
  return overlays;
}
