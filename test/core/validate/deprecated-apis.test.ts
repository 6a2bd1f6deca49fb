import { describe, it, expect } from 'vitest';
import {
  API_LIFECYCLES,
  apiStatus,
  describeApiStatus,
  type ApiStatus,
} from '../../../core/validate/deprecated-apis.ts';
import { UsageError } from '../../../core/errors.ts';

function minor(version: string): number {
  const [major, minorPart] = version.split('.').map(Number);
  return (major ?? 0) * 1000 + (minorPart ?? 0);
}

function statusOf(apiVersion: string, kind: string, version: string): ApiStatus {
  const status = apiStatus(apiVersion, kind, version);
  if (!status) throw new Error(`expected ${apiVersion} ${kind} to be deprecated or removed in ${version}`);
  return status;
}

describe('apiStatus', () => {
  it.each([
    // apiVersion, kind, target, expected state
    ['extensions/v1beta1', 'Ingress', '1.13', undefined],
    ['extensions/v1beta1', 'Ingress', '1.14', 'deprecated'],
    ['extensions/v1beta1', 'Ingress', '1.21', 'deprecated'],
    ['extensions/v1beta1', 'Ingress', '1.22', 'removed'],
    ['extensions/v1beta1', 'Ingress', '1.31', 'removed'],
    ['networking.k8s.io/v1beta1', 'Ingress', '1.18', undefined],
    ['networking.k8s.io/v1beta1', 'Ingress', '1.19', 'deprecated'],
    ['networking.k8s.io/v1beta1', 'Ingress', '1.22', 'removed'],
    ['networking.k8s.io/v1beta1', 'IngressClass', '1.21', 'deprecated'],
    ['batch/v1beta1', 'CronJob', '1.20', undefined],
    ['batch/v1beta1', 'CronJob', '1.21', 'deprecated'],
    ['batch/v1beta1', 'CronJob', '1.24', 'deprecated'],
    ['batch/v1beta1', 'CronJob', '1.25', 'removed'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.25', 'removed'],
    ['policy/v1beta1', 'PodSecurityPolicy', '1.20', undefined],
    ['policy/v1beta1', 'PodSecurityPolicy', '1.24', 'deprecated'],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', '1.25', 'removed'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.23', 'deprecated'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26', 'removed'],
    ['rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', '1.17', 'deprecated'],
    ['rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', '1.22', 'removed'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.23', undefined],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.26', 'deprecated'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27', 'removed'],
    ['storage.k8s.io/v1beta1', 'StorageClass', '1.22', 'removed'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.28', 'deprecated'],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.29', 'removed'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.28', undefined],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.29', 'deprecated'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.31', 'deprecated'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration', '1.32', 'removed'],
    ['apps/v1beta2', 'Deployment', '1.8', undefined],
    ['apps/v1beta2', 'Deployment', '1.15', 'deprecated'],
    ['apps/v1beta2', 'Deployment', '1.16', 'removed'],
  ])('%s %s on %s is %s', (apiVersion, kind, target, expected) => {
    expect(apiStatus(apiVersion, kind, target)?.state).toBe(expected);
  });

  it.each([
    // Compared as numbers: as strings "1.9" > "1.16" and "1.10" < "1.9".
    ['apps/v1beta1', 'Deployment', '1.9', 'deprecated'],
    ['extensions/v1beta1', 'NetworkPolicy', '1.10', 'deprecated'],
    ['extensions/v1beta1', 'NetworkPolicy', '1.8', undefined],
    ['apps/v1beta1', 'StatefulSet', '1.100', 'removed'],
  ])('compares %s %s on %s numerically: %s', (apiVersion, kind, target, expected) => {
    expect(apiStatus(apiVersion, kind, target)?.state).toBe(expected);
  });

  it.each([
    ['apps/v1', 'Deployment'],
    ['networking.k8s.io/v1', 'Ingress'],
    ['batch/v1', 'CronJob'],
    ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema'],
    ['v1', 'Pod'],
    ['kustomize.config.k8s.io/v1beta1', 'Kustomization'],
  ])('treats current %s %s as current even on master', (apiVersion, kind) => {
    expect(apiStatus(apiVersion, kind, 'master')).toBeUndefined();
  });

  it.each([
    ['extensions/v1beta1', 'ingress'],
    ['Extensions/v1beta1', 'Ingress'],
    ['extensions/v1beta1 ', 'Ingress'],
    ['extensions', 'Ingress'],
    ['apps/v1beta1', 'DaemonSet'],
    ['storage.k8s.io/v1beta1', 'CSIStorageCapacities'],
  ])('matches apiVersion and kind exactly: %s %s is unknown', (apiVersion, kind) => {
    expect(apiStatus(apiVersion, kind, '1.30')).toBeUndefined();
  });

  it.each(['1.22', '1.22.0', 'v1.22.0', 'v1.22', '1.22.17', '1.22.0-rc.1', '1.30.2', 'master'])(
    'reads %s as at least v1.22',
    (target) => {
      expect(apiStatus('extensions/v1beta1', 'Ingress', target)?.state).toBe('removed');
    },
  );

  it.each(['1.21.14', 'v1.21.0', 'v1.21'])('reads %s as v1.21', (target) => {
    expect(apiStatus('extensions/v1beta1', 'Ingress', target)?.state).toBe('deprecated');
  });

  it.each(['', 'latest', 'Master', '1', 'v1', '1.x', 'one.two', '1.22.0.1', ' 1.22'])(
    'rejects the Kubernetes version %j with a UsageError',
    (target) => {
      expect(() => apiStatus('apps/v1', 'Deployment', target)).toThrow(UsageError);
    },
  );

  it('returns the table entry with its replacement and note', () => {
    expect(apiStatus('extensions/v1beta1', 'Ingress', 'v1.29.0')).toEqual({
      state: 'removed',
      lifecycle: {
        apiVersion: 'extensions/v1beta1',
        kind: 'Ingress',
        deprecatedIn: '1.14',
        removedIn: '1.22',
        replacement: 'networking.k8s.io/v1',
        note: expect.stringContaining('spec.defaultBackend'),
      },
    });
  });

  it('has no replacement for policy/v1beta1 PodSecurityPolicy', () => {
    expect(statusOf('policy/v1beta1', 'PodSecurityPolicy', '1.25').lifecycle).not.toHaveProperty(
      'replacement',
    );
  });
});

describe('API_LIFECYCLES', () => {
  it('holds one entry per apiVersion and kind', () => {
    const keys = API_LIFECYCLES.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('counts the entries of each removal release of the migration guide', () => {
    const perRelease: Record<string, number> = {};
    for (const { removedIn } of API_LIFECYCLES) perRelease[removedIn] = (perRelease[removedIn] ?? 0) + 1;
    expect(perRelease).toEqual({
      '1.16': 14,
      '1.22': 23,
      '1.25': 7,
      '1.26': 3,
      '1.27': 1,
      '1.29': 2,
      '1.32': 2,
    });
  });

  it.each(
    API_LIFECYCLES.map((lifecycle) => [`${lifecycle.apiVersion} ${lifecycle.kind}`, lifecycle] as const),
  )('%s is deprecated before it is removed and names another apiVersion', (_name, lifecycle) => {
    expect(lifecycle.deprecatedIn).toMatch(/^1\.\d+$/);
    expect(lifecycle.removedIn).toMatch(/^1\.\d+$/);
    expect(minor(lifecycle.deprecatedIn)).toBeLessThan(minor(lifecycle.removedIn));
    expect(lifecycle.replacement).not.toBe(lifecycle.apiVersion);
    expect(apiStatus(lifecycle.apiVersion, lifecycle.kind, lifecycle.deprecatedIn)?.state).toBe('deprecated');
    expect(apiStatus(lifecycle.apiVersion, lifecycle.kind, lifecycle.removedIn)?.state).toBe('removed');
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(API_LIFECYCLES)).toBe(true);
    expect(API_LIFECYCLES.every((lifecycle) => Object.isFrozen(lifecycle))).toBe(true);
  });
});

describe('describeApiStatus', () => {
  it.each([
    [
      'extensions/v1beta1',
      'Ingress',
      '1.29.0',
      'extensions/v1beta1 Ingress was removed in Kubernetes v1.22; use networking.k8s.io/v1 (spec.backend is renamed spec.defaultBackend; serviceName/servicePort become service.name and service.port.number or .name; pathType is required)',
    ],
    [
      'networking.k8s.io/v1beta1',
      'Ingress',
      'v1.20.4',
      'networking.k8s.io/v1beta1 Ingress is deprecated since Kubernetes v1.19 and will be removed in v1.22; migrate to networking.k8s.io/v1 (spec.backend is renamed spec.defaultBackend; serviceName/servicePort become service.name and service.port.number or .name; pathType is required)',
    ],
    [
      'batch/v1beta1',
      'CronJob',
      'master',
      'batch/v1beta1 CronJob was removed in Kubernetes v1.25; use batch/v1',
    ],
    [
      'batch/v1beta1',
      'CronJob',
      '1.23',
      'batch/v1beta1 CronJob is deprecated since Kubernetes v1.21 and will be removed in v1.25; migrate to batch/v1',
    ],
    [
      'policy/v1beta1',
      'PodSecurityPolicy',
      '1.21',
      'policy/v1beta1 PodSecurityPolicy is deprecated since Kubernetes v1.21 and will be removed in v1.25; there is no replacement API (migrate to Pod Security Admission or a third-party admission webhook)',
    ],
    [
      'policy/v1beta1',
      'PodSecurityPolicy',
      '1.25',
      'policy/v1beta1 PodSecurityPolicy was removed in Kubernetes v1.25; no replacement API is served in v1.25 (migrate to Pod Security Admission or a third-party admission webhook)',
    ],
  ])('describes %s %s on %s', (apiVersion, kind, target, expected) => {
    expect(describeApiStatus(statusOf(apiVersion, kind, target), target)).toBe(expected);
  });

  it.each([
    // A replacement that the target itself deprecates or no longer serves is followed to its own replacement.
    [
      'flowcontrol.apiserver.k8s.io/v1beta1',
      'FlowSchema',
      '1.23',
      'migrate to flowcontrol.apiserver.k8s.io/v1beta2',
    ],
    [
      'flowcontrol.apiserver.k8s.io/v1beta1',
      'FlowSchema',
      '1.26',
      'use flowcontrol.apiserver.k8s.io/v1beta3',
    ],
    ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.29', 'use flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', 'master', 'use flowcontrol.apiserver.k8s.io/v1'],
    [
      'flowcontrol.apiserver.k8s.io/v1beta2',
      'FlowSchema',
      '1.27',
      'migrate to flowcontrol.apiserver.k8s.io/v1beta3',
    ],
    ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.30', 'use flowcontrol.apiserver.k8s.io/v1'],
    ['extensions/v1beta1', 'PodSecurityPolicy', '1.16', 'use policy/v1beta1'],
    ['extensions/v1beta1', 'PodSecurityPolicy', '1.22', 'use policy/v1beta1'],
    ['extensions/v1beta1', 'PodSecurityPolicy', '1.25', 'no replacement API is served in v1.25'],
    ['extensions/v1beta1', 'PodSecurityPolicy', 'master', 'no replacement API is served in master'],
  ])('names the replacement %s %s has on %s', (apiVersion, kind, target, advice) => {
    expect(describeApiStatus(statusOf(apiVersion, kind, target), target)).toContain(`; ${advice}`);
  });

  it('keeps the note of the apiVersion being migrated', () => {
    const status = statusOf('flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration', '1.29');
    expect(describeApiStatus(status, '1.29')).toBe(
      'flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration was removed in Kubernetes v1.29; use flowcontrol.apiserver.k8s.io/v1 (spec.limited.assuredConcurrencyShares is renamed spec.limited.nominalConcurrencyShares)',
    );
  });

  it('rejects a Kubernetes version it cannot read', () => {
    const status = statusOf('batch/v1beta1', 'CronJob', '1.25');
    expect(() => describeApiStatus(status, 'latest')).toThrow(UsageError);
  });
});
