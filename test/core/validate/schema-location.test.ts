import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEMA_LOCATION,
  parseSchemaLocation,
  templateVariables,
} from '../../../core/validate/schema-location.ts';

describe('templateVariables', () => {
  it.each([
    [
      'Deployment',
      'apps/v1',
      '1.29.0',
      true,
      {
        NormalizedKubernetesVersion: 'v1.29.0',
        StrictSuffix: '-strict',
        ResourceKind: 'deployment',
        ResourceAPIVersion: 'v1',
        Group: 'apps',
        KindSuffix: '-apps-v1',
      },
    ],
    [
      'Service',
      'v1',
      'master',
      false,
      {
        NormalizedKubernetesVersion: 'master',
        StrictSuffix: '',
        ResourceKind: 'service',
        ResourceAPIVersion: 'v1',
        Group: 'v1',
        KindSuffix: '-v1',
      },
    ],
    [
      'Ingress',
      'networking.k8s.io/v1',
      '1.31.0',
      false,
      { Group: 'networking.k8s.io', KindSuffix: '-networking-v1', ResourceAPIVersion: 'v1' },
    ],
    [
      'ServiceMonitor',
      'monitoring.coreos.com/v1',
      '1.31.0',
      false,
      { Group: 'monitoring.coreos.com', KindSuffix: '-monitoring-v1', ResourceKind: 'servicemonitor' },
    ],
    [
      'Application',
      'argoproj.io/v1alpha1',
      '1.31.0',
      false,
      { KindSuffix: '-argoproj-v1alpha1', ResourceAPIVersion: 'v1alpha1' },
    ],
  ])('computes the variables of %s %s', (kind, apiVersion, version, strict, expected) => {
    expect(templateVariables(kind, apiVersion, version, strict)).toMatchObject(expected);
  });
});

describe('parseSchemaLocation', () => {
  const vars = templateVariables('Deployment', 'apps/v1', '1.31.0', true);

  it.each([
    [
      'default',
      'https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/v1.31.0-standalone-strict/deployment-apps-v1.json',
      true,
    ],
    [
      'https://example.com/schemas',
      'https://example.com/schemas/v1.31.0-standalone-strict/deployment-apps-v1.json',
      true,
    ],
    ['schemas/', 'schemas//v1.31.0-standalone-strict/deployment-apps-v1.json', false],
    ['crds/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json', 'crds/apps/deployment_v1.json', false],
    ['x/{{ .ResourceKind }}{{ .KindSuffix }}.json', 'x/deployment-apps-v1.json', false],
    ['x/{{- .ResourceKind -}}.json', 'x/deployment.json', false],
  ])('renders %s', (location, expected, http) => {
    const parsed = parseSchemaLocation(location);
    expect(parsed.render(vars)).toBe(expected);
    expect(parsed.http).toBe(http);
  });

  it('expands default to kubeconform default location', () => {
    expect(parseSchemaLocation('default').template).toBe(DEFAULT_SCHEMA_LOCATION);
  });

  it.each([
    [
      'foo {{ .Foo }}',
      /^failed initialising schema location registry: template: tpl:1:\d+: executing "tpl" at <\.Foo>: can't evaluate field Foo/,
    ],
    ['foo {{ .Group x.json', /unclosed action/],
    ['{{ if .Group }}x{{ end }}.json', /unsupported action/],
  ])('fails early on the bad template %s', (location, message) => {
    expect(() => parseSchemaLocation(location)).toThrow(message);
  });
});
