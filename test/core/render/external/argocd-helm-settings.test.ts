import { describe, expect, it } from 'vitest';
import { argoHelmSettings } from '../../../../core/render/external/argocd-helm-settings.ts';

describe('argoHelmSettings', () => {
  it('defaults: the folder is the chart, the Application name the release, the destination the namespace', () => {
    expect(
      argoHelmSettings({
        applicationName: 'web',
        path: 'charts/web',
        helm: undefined,
        destinationNamespace: 'shop',
      }),
    ).toEqual({
      settings: { chart: 'charts/web', valuesFiles: [], releaseName: 'web', namespace: 'shop' },
      notes: [],
    });
  });

  it('maps every field Argo CD passes to helm template', () => {
    const result = argoHelmSettings({
      applicationName: 'web',
      path: 'charts/web',
      destinationNamespace: 'ignored',
      sources: [{ repoURL: 'https://git.example/repo.git', ref: 'values' }],
      helm: {
        releaseName: 'web-prod',
        namespace: 'shop',
        valueFiles: [
          'values-prod.yaml',
          '../common/values.yaml',
          '$values/envs/prod/values.yaml',
          'https://x/v.yaml',
          '$other/v.yaml',
        ],
        values: 'ignored: true\n',
        valuesObject: { replicas: 3, image: { tag: 'v1' } },
        parameters: [
          { name: 'image.tag', value: 'v2' },
          { name: 'port', value: '8080', forceString: true },
          { value: 'no name' },
        ],
        fileParameters: [{ name: 'ca', path: 'files/ca.pem' }],
        kubeVersion: '1.30.0',
        apiVersions: ['monitoring.coreos.com/v1'],
        skipCrds: true,
        skipTests: true,
        ignoreMissingValueFiles: true,
        passCredentials: true,
      },
    });
    expect(result).toEqual({
      settings: {
        chart: 'charts/web',
        valuesFiles: ['charts/web/values-prod.yaml', 'charts/common/values.yaml', 'envs/prod/values.yaml'],
        releaseName: 'web-prod',
        namespace: 'shop',
        values: '{\n  "replicas": 3,\n  "image": {\n    "tag": "v1"\n  }\n}\n',
        parameters: [
          { flag: 'set', name: 'image.tag', value: 'v2' },
          { flag: 'set-string', name: 'port', value: '8080' },
          { flag: 'set-file', name: 'ca', value: 'charts/web/files/ca.pem' },
        ],
        kubeVersion: '1.30.0',
        apiVersions: ['monitoring.coreos.com/v1'],
        skipCrds: true,
        skipTests: true,
        ignoreMissingValueFiles: true,
      },
      notes: [
        'Helm value file https://x/v.yaml is not in this repository: not applied',
        'Helm value file $other/v.yaml is not in this repository: not applied',
      ],
    });
  });

  it('passes a values string as it is', () => {
    const { settings } = argoHelmSettings({ applicationName: 'a', path: 'c', helm: { values: 'a: 1\n' } });
    expect(settings.values).toBe('a: 1\n');
  });
});
