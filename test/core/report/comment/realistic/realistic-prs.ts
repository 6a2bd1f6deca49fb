/**
 * Three pull requests as a reviewer meets them, each a small GitOps repository (base and head as
 * file maps) that the real check renders, validates and diffs: the comment snapshots and the
 * screenshots are made from what kubeproof makes of them, not from hand-written report data.
 */

type Files = Record<string, string>;

export interface RealisticPr {
  name: string;
  title: string;
  base: Files;
  head: Files;
}

function deployment(options: { memory?: boolean; port?: string; typo?: boolean } = {}): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: simple-deployment',
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    '      app: simple',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: simple',
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: ghcr.io/acme/simple:1.8.0',
    '        ports:',
    `        - containerPort: ${options.port ?? '8080'}`,
    ...(options.typo ? ['        resource:', '          limits:', '            cpu: 500m'] : []),
    '        resources:',
    '          requests:',
    '            memory: 128Mi',
    ...(options.memory ? ['          limits:', '            memory: 512Mi'] : []),
    '',
  ].join('\n');
}

const SERVICE = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: simple',
  'spec:',
  '  selector:',
  '    app: simple',
  '  ports:',
  '  - port: 80',
  '    targetPort: 8080',
  '',
].join('\n');

const BASE_KUSTOMIZATION = 'resources:\n- deployment.yaml\n- service.yaml\n';

function overlay(name: string, extra: string[] = []): string {
  return [`namespace: simple-${name}`, 'resources:', '- ../../base', ...extra, ''].join('\n');
}

const OWN_LIMIT = [
  'patches:',
  '- patch: |-',
  '    - op: add',
  '      path: /spec/template/spec/containers/0/resources/limits',
  '      value: {memory: 1Gi}',
  '  target: {kind: Deployment, name: simple-deployment}',
];

function repository(deploy: string, overlays: Record<string, string>, more: Files = {}): Files {
  const files: Files = {
    'base/kustomization.yaml': BASE_KUSTOMIZATION,
    'base/deployment.yaml': deploy,
    'base/service.yaml': SERVICE,
    ...more,
  };
  for (const [name, text] of Object.entries(overlays)) files[`envs/${name}/kustomization.yaml`] = text;
  return files;
}

/** 1. A base change that reaches 12 environments, 9 more that override it, and one image bump. */
function baseAndImage(): RealisticPr {
  const plain = [
    'dev',
    'qa-1',
    'qa-2',
    'perf',
    'demo',
    'sandbox',
    'staging-eu',
    'staging-us',
    'us-prod',
    'ap-prod',
    'canary',
  ];
  const patched = [
    'batch-1',
    'batch-2',
    'batch-3',
    'batch-4',
    'batch-5',
    'batch-6',
    'batch-7',
    'batch-8',
    'batch-9',
  ];
  const overlays = (bumped: boolean): Record<string, string> => {
    const all: Record<string, string> = {};
    for (const name of plain) all[name] = overlay(name);
    for (const name of patched) all[name] = overlay(name, OWN_LIMIT);
    all['eu-prod'] = overlay('eu-prod', [
      'images:',
      `- name: ghcr.io/acme/simple`,
      `  newTag: ${bumped ? '1.9.0' : '1.8.0'}`,
    ]);
    return all;
  };
  return {
    name: 'base-and-image',
    title: 'A memory limit in the base (21 environments read it) and an image bump in eu-prod',
    base: repository(deployment(), overlays(false)),
    head: repository(deployment({ memory: true }), overlays(true)),
  };
}

/** 2. Two bad lines in a base that four environments use: two problems, not eight. */
function badBase(): RealisticPr {
  const overlays: Record<string, string> = {};
  for (const name of ['dev', 'staging', 'prod', 'prod-eu']) overlays[name] = overlay(name);
  return {
    name: 'bad-base',
    title: 'containerPort quoted and a typo in the base of four environments',
    base: repository(deployment(), overlays),
    head: repository(deployment({ port: '"8080"', typo: true }), overlays),
  };
}

const CONFIG = [
  'version: 1',
  'environments:',
  '  - { name: dev, path: envs/dev }',
  '  - { name: staging, path: envs/staging }',
  '  - { name: customer-a, path: envs/customer-a }',
  'promotion:',
  '  order: [dev, staging, customer-a]',
  '',
].join('\n');

function configOverlay(name: string, level: string, replicas: number, password: string): string {
  return [
    `namespace: simple-${name}`,
    'resources:',
    '- ../../base',
    'configMapGenerator:',
    '- name: simple-config',
    '  literals:',
    `  - LOG_LEVEL=${level}`,
    'secretGenerator:',
    '- name: simple-db',
    '  literals:',
    `  - password=${password}`,
    'replicas:',
    '- name: simple-deployment',
    `  count: ${replicas}`,
    '',
  ].join('\n');
}

/** 3. Settings per environment: a config value, a secret, replicas; production named by the config. */
function settings(): RealisticPr {
  const overlays = (head: boolean): Record<string, string> => ({
    dev: configOverlay('dev', head ? 'debug' : 'info', 1, 'dev-pass'),
    staging: configOverlay('staging', 'info', 2, head ? 'rotated-staging-pass' : 'staging-pass'),
    'customer-a': configOverlay('customer-a', head ? 'warn' : 'info', head ? 4 : 3, 'hunter2-customer-a'),
  });
  return {
    name: 'settings',
    title: 'Log levels, a rotated secret and more replicas, with production named in .kubeproof.yaml',
    base: repository(deployment(), overlays(false), { '.kubeproof.yaml': CONFIG }),
    head: repository(deployment(), overlays(true), { '.kubeproof.yaml': CONFIG }),
  };
}

export const REALISTIC_PRS: RealisticPr[] = [baseAndImage(), badBase(), settings()];
