import { describe, expect, it } from 'vitest';
import type { RuleId } from '../../../../core/rules/rule-catalog.ts';
import { deployment, goodContainer, KUSTOMIZATION, of, policyOn } from '../policy-fixture.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** Runs policy on one Deployment (`deployment.yaml`) and returns the findings of one rule. */
async function findings(ruleId: RuleId, yaml: string, config?: string) {
  const run = await policyOn({
    'kustomization.yaml': KUSTOMIZATION,
    'deployment.yaml': yaml,
    ...(config === undefined ? {} : { '.kubeproof.yaml': config }),
  });
  return of(run, ruleId);
}

const line = (yaml: string, text: string): number => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;

describe('a good container', () => {
  it('passes every built-in rule but dangling-reference', async () => {
    const run = await policyOn({
      'kustomization.yaml': KUSTOMIZATION,
      'deployment.yaml': deployment(goodContainer()),
    });
    expect(run.findings).toEqual([]);
  });
});

describe.each([
  {
    rule: 'latest-tag',
    bad: goodContainer('nginx:latest'),
    at: 'image:',
    message:
      'Deployment web: container app runs nginx:latest, tag latest, which can point to another image at any time: pin a version',
    good: [goodContainer('nginx:1.27'), goodContainer(`nginx:latest@${DIGEST}`)],
  },
  {
    rule: 'latest-tag',
    bad: goodContainer('nginx'),
    at: 'image:',
    message:
      'Deployment web: container app runs nginx, with no tag, so latest, which can point to another image at any time: pin a version',
    good: [],
  },
  {
    rule: 'unpinned-digest',
    bad: goodContainer('nginx:1.27'),
    at: 'image:',
    message:
      'Deployment web: container app runs nginx:1.27 without a digest: a re-pushed tag would change what runs',
    good: [goodContainer(`nginx:1.27@${DIGEST}`), goodContainer('nginx:latest')],
  },
  {
    rule: 'missing-requests',
    bad: goodContainer().replace('requests: {cpu: 100m, memory: 64Mi}', 'requests: {memory: 64Mi}'),
    at: 'requests:',
    message: 'Deployment web: container app requests no cpu: set resources.requests',
    good: [
      goodContainer()
        .replace('requests: {cpu: 100m, memory: 64Mi}', 'requests: {}')
        .replace('limits: {memory: 128Mi}', 'limits: {memory: 128Mi, cpu: 1}'),
    ],
  },
  {
    rule: 'missing-memory-limit',
    bad: goodContainer().replace('limits: {memory: 128Mi}', 'limits: {cpu: 1}'),
    at: 'limits:',
    message: 'Deployment web: container app has no memory limit: set resources.limits.memory',
    good: [],
  },
  {
    rule: 'missing-probes',
    bad: goodContainer().replace('          livenessProbe: {httpGet: {path: /, port: 8080}}\n', ''),
    at: '- name: app',
    message: 'Deployment web: container app has no livenessProbe',
    good: [],
  },
  {
    rule: 'privileged-container',
    bad: goodContainer(undefined, '            privileged: true'),
    at: 'privileged:',
    message:
      'Deployment web: container app runs privileged, with the devices and every capability of its node',
    good: [goodContainer(undefined, '            privileged: false')],
  },
  {
    rule: 'privilege-escalation',
    bad: goodContainer().replace('allowPrivilegeEscalation: false', 'allowPrivilegeEscalation: true'),
    at: 'allowPrivilegeEscalation:',
    message: 'Deployment web: container app sets allowPrivilegeEscalation: true',
    good: [],
  },
  {
    rule: 'privilege-escalation',
    bad: goodContainer().replace(/\n\s+allowPrivilegeEscalation: false/, ''),
    at: 'securityContext:',
    message: 'Deployment web: container app does not set allowPrivilegeEscalation: false',
    good: [],
  },
  {
    rule: 'run-as-root',
    bad: goodContainer().replace('runAsNonRoot: true', 'runAsUser: 0'),
    at: 'runAsUser:',
    message: 'Deployment web: container app runs as root (runAsUser: 0)',
    good: [goodContainer().replace('runAsNonRoot: true', 'runAsUser: 1000')],
  },
  {
    rule: 'run-as-root',
    bad: goodContainer().replace(/\n\s+runAsNonRoot: true/, ''),
    at: '- name: app',
    message:
      'Deployment web: container app may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set, so the image decides',
    good: [],
  },
  {
    rule: 'dangerous-capabilities',
    bad: goodContainer(undefined, '            capabilities: {add: [NET_BIND_SERVICE, SYS_ADMIN]}'),
    at: 'capabilities:',
    message:
      'Deployment web: container app adds the capability SYS_ADMIN, beyond the Pod Security Standards baseline',
    good: [goodContainer(undefined, '            capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}')],
  },
  {
    rule: 'duplicate-env',
    bad: `${goodContainer()}\n          env:\n            - {name: MODE, value: a}\n            - {name: PORT, value: "1"}\n            - {name: MODE, value: b}`,
    at: '{name: MODE, value: b}',
    message: 'Deployment web: container app sets MODE twice (env[0] and env[2]); only the last counts',
    good: [`${goodContainer()}\n          env:\n            - {name: MODE, value: a}`],
  },
] as const)('$rule', ({ rule, bad, at, message, good }) => {
  it(`reports ${message.slice(0, 60)}... at the field`, async () => {
    const yaml = deployment(bad);
    expect(await findings(rule, yaml)).toEqual([
      ['deployment.yaml', line(yaml, at), expect.any(String), message],
    ]);
  });
  it.each(good.map((container) => [container]))(
    'passes a container that complies (%#)',
    async (container) => {
      expect(await findings(rule, deployment(container))).toEqual([]);
    },
  );
});
