import { describe, expect, it } from 'vitest';
import { applyStrategicMerge } from '../../../../../core/render/kustomize/strategic-merge/strategic-merge.ts';
import type { JsonObject } from '../../../../../core/manifests/json-value.ts';

interface Case {
  title: string;
  target: JsonObject;
  patch: JsonObject;
  expected: JsonObject;
}

// Each expected value is what `kubectl kustomize` (kustomize v5.5.0) printed for the target as a
// resource and the patch under `patches:`, read back as JSON. One exception: kustomize drops an
// empty `metadata.annotations` when it prints (after the merge), so the cases that empty or
// add annotations expect `annotations: {}` here.
const cases: Case[] = [
  {
    title:
      'merges containers, env, ports and volumeMounts by key, replaces tolerations, deletes a null label',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { x: '1' } },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                image: 'a',
                env: [
                  { name: 'E1', value: '1' },
                  { name: 'E2', value: '2' },
                ],
                ports: [{ containerPort: 80, name: 'http' }],
                volumeMounts: [{ mountPath: '/a', name: 'v1' }],
              },
              { name: 'b', image: 'b' },
            ],
            volumes: [{ name: 'v1', emptyDir: {} }],
            tolerations: [{ key: 'k1', operator: 'Exists' }],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { x: null, y: '2' } },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'c', image: 'c' },
              {
                name: 'a',
                image: 'a2',
                env: [
                  { name: 'E3', value: '3' },
                  { name: 'E1', value: '1b' },
                ],
                ports: [{ containerPort: 81, name: 'h2' }],
                volumeMounts: [{ mountPath: '/b', name: 'v2' }],
              },
            ],
            volumes: [{ name: 'v2', emptyDir: {} }],
            tolerations: [{ key: 'k2', operator: 'Exists' }],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: { y: '2' }, name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { image: 'c', name: 'c' },
              {
                env: [
                  { name: 'E3', value: '3' },
                  { name: 'E1', value: '1b' },
                  { name: 'E2', value: '2' },
                ],
                image: 'a2',
                name: 'a',
                ports: [
                  { containerPort: 81, name: 'h2' },
                  { containerPort: 80, name: 'http' },
                ],
                volumeMounts: [
                  { mountPath: '/b', name: 'v2' },
                  { mountPath: '/a', name: 'v1' },
                ],
              },
              { image: 'b', name: 'b' },
            ],
            tolerations: [{ key: 'k2', operator: 'Exists' }],
            volumes: [
              { emptyDir: {}, name: 'v2' },
              { emptyDir: {}, name: 'v1' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'puts patch elements first, in patch order, then the other elements; merges finalizers as a set',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1', 'f2'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
              { name: 'c', image: 'c' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f3', 'f1'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'x', image: 'x2' },
              { name: 'c', image: 'c2' },
              { name: 'a', image: 'a2' },
              { name: 'y', image: 'y2' },
            ],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f3', 'f1', 'f2'], name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { image: 'x2', name: 'x' },
              { image: 'c2', name: 'c' },
              { image: 'a2', name: 'a' },
              { image: 'y2', name: 'y' },
              { image: 'b', name: 'b' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'deletes a list element with $patch: delete and ignores one that is not there',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1', 'f2'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
              { name: 'c', image: 'c' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'b', $patch: 'delete' },
              { name: 'z', $patch: 'delete' },
            ],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1', 'f2'], name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { image: 'a', name: 'a' },
              { image: 'c', name: 'c' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'replaces a whole list with a {$patch: replace} element',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1', 'f2'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
              { name: 'c', image: 'c' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'b', image: 'b3' }, { $patch: 'replace' }] } } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1', 'f2'], name: 'd' },
      spec: { template: { spec: { containers: [{ image: 'b3', name: 'b' }] } } },
    },
  },
  {
    title: 'replaces a map with $patch: replace',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1', 'f2'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
              { name: 'c', image: 'c' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'q', image: 'q' }] } } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1', 'f2'], name: 'd' },
      spec: { template: { spec: { containers: [{ image: 'q', name: 'q' }] } } },
    },
  },
  {
    title: 'keeps $setElementOrder as a field and does not reorder',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1', 'f2'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
              { name: 'c', image: 'c' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }, { name: 'n' }, { name: 'a' }, { name: 'b' }],
            containers: [{ name: 'n', image: 'n' }],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1', 'f2'], name: 'd' },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'c' }, { name: 'n' }, { name: 'a' }, { name: 'b' }],
            containers: [
              { image: 'n', name: 'n' },
              { image: 'a', name: 'a' },
              { image: 'b', name: 'b' },
              { image: 'c', name: 'c' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'keeps $deleteFromPrimitiveList as a field and deletes nothing',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1', 'f2'] },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
              { name: 'c', image: 'c' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', '$deleteFromPrimitiveList/finalizers': ['f1'] },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { '$deleteFromPrimitiveList/finalizers': ['f1'], finalizers: ['f1', 'f2'], name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { image: 'a', name: 'a' },
              { image: 'b', name: 'b' },
              { image: 'c', name: 'c' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'replaces lists of an unknown kind, even with name keys, and merges its maps',
    target: {
      apiVersion: 'x.io/v1',
      kind: 'Backup',
      metadata: { name: 'd' },
      spec: {
        items: [
          { name: 'a', v: 1 },
          { name: 'b', v: 2 },
        ],
        others: [
          { id: 'a', v: 1 },
          { id: 'b', v: 2 },
        ],
        prims: ['p1', 'p2'],
        m: { a: 1, b: { c: 2 } },
      },
    },
    patch: {
      apiVersion: 'x.io/v1',
      kind: 'Backup',
      metadata: { name: 'd' },
      spec: {
        items: [
          { name: 'c', v: 3 },
          { name: 'a', v: 9 },
        ],
        others: [{ id: 'c', v: 3 }],
        prims: ['p3'],
        m: { b: { d: 3 } },
      },
    },
    expected: {
      apiVersion: 'x.io/v1',
      kind: 'Backup',
      metadata: { name: 'd' },
      spec: {
        items: [
          { name: 'c', v: 3 },
          { name: 'a', v: 9 },
        ],
        m: { a: 1, b: { c: 2, d: 3 } },
        others: [{ id: 'c', v: 3 }],
        prims: ['p3'],
      },
    },
  },
  {
    title: 'replaces metadata.finalizers and containers of an unknown kind',
    target: {
      apiVersion: 'x.io/v1',
      kind: 'Backup',
      metadata: { name: 'd', finalizers: ['f1', 'f2'], labels: { a: '1' } },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a' },
              { name: 'b', image: 'b' },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'x.io/v1',
      kind: 'Backup',
      metadata: { name: 'd', finalizers: ['f3'], labels: { a: null, b: '2' } },
      spec: { template: { spec: { containers: [{ name: 'b', image: 'b2' }] } } },
    },
    expected: {
      apiVersion: 'x.io/v1',
      kind: 'Backup',
      metadata: { finalizers: ['f3'], labels: { b: '2' }, name: 'd' },
      spec: { template: { spec: { containers: [{ image: 'b2', name: 'b' }] } } },
    },
  },
  {
    title: 'keeps empty maps and lists, and a map emptied by null deletes',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { a: '1' } },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'a', image: 'a', args: ['x', 'y'], resources: { limits: { cpu: '1' } } }],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { a: null }, annotations: { z: null } },
      spec: {
        selector: {},
        strategy: { rollingUpdate: { maxSurge: null } },
        template: {
          metadata: { labels: {} },
          spec: {
            nodeSelector: {},
            tolerations: [],
            containers: [
              { name: 'a', args: ['z'], resources: { limits: { cpu: null } }, command: [], env: [] },
            ],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { annotations: {}, labels: {}, name: 'd' },
      spec: {
        selector: {},
        strategy: { rollingUpdate: {} },
        template: {
          metadata: { labels: {} },
          spec: {
            containers: [
              { args: ['z'], command: [], env: [], image: 'a', name: 'a', resources: { limits: {} } },
            ],
            nodeSelector: {},
            tolerations: [],
          },
        },
      },
    },
  },
  {
    title: 'adds maps whose only fields are null as empty maps, but not new elements that stay empty',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', annotations: { a: '1' } },
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }] } } },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', annotations: { a: null }, labels: { z: null } },
      spec: {
        strategy: { type: null },
        template: {
          spec: {
            nodeSelector: { z: null },
            affinity: { nodeAffinity: { x: null } },
            containers: [
              { name: 'a', resources: { limits: null }, securityContext: { runAsUser: null } },
              { name: 'b', image: 'b', resources: { limits: { cpu: null } } },
            ],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels: {}, name: 'd', annotations: {} },
      spec: {
        strategy: {},
        template: {
          spec: {
            affinity: { nodeAffinity: {} },
            containers: [
              { image: 'a', name: 'a', resources: {}, securityContext: {} },
              { image: 'b', name: 'b', resources: { limits: {} } },
            ],
            nodeSelector: {},
          },
        },
      },
    },
  },
  {
    title: 'keeps nulls in replaced lists and handles directives in new list elements',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', annotations: {} },
      spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }] } } },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            tolerations: [{ key: 'a', value: null, operator: 'Exists' }],
            containers: [
              { name: 'a', args: ['a', null], lifecycle: { postStart: { exec: { command: ['x', null] } } } },
              { name: 'n', $patch: 'delete', image: 'n' },
              {
                name: 'm',
                image: 'm',
                resources: { $patch: 'replace', limits: { cpu: '1' } },
                env: [
                  { name: 'X', $patch: 'delete' },
                  { name: 'Y', value: 'y' },
                ],
              },
            ],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { annotations: {}, name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                args: ['a', null],
                image: 'a',
                lifecycle: { postStart: { exec: { command: ['x', null] } } },
                name: 'a',
              },
              {
                env: [{ name: 'Y', value: 'y' }],
                image: 'm',
                name: 'm',
                resources: { limits: { cpu: '1' } },
              },
            ],
            tolerations: [{ key: 'a', operator: 'Exists', value: null }],
          },
        },
      },
    },
  },
  {
    title: 'deletes a map with $patch: delete and replaces resources with $patch: replace',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: 2,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } },
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a', resources: { limits: { cpu: '1' }, requests: { cpu: '1' } } },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        strategy: { $patch: 'delete' },
        template: {
          spec: { containers: [{ name: 'a', resources: { $patch: 'replace', limits: { memory: '1Gi' } } }] },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: 2,
        template: {
          spec: { containers: [{ image: 'a', name: 'a', resources: { limits: { memory: '1Gi' } } }] },
        },
      },
    },
  },
  {
    title: 'keeps $retainKeys as a field and retains nothing',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 }, type: 'Recreate' } },
    },
  },
  {
    title: 'accepts $patch: merge',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { $patch: 'merge', type: 'Recreate' } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { strategy: { rollingUpdate: { maxSurge: 1 }, type: 'Recreate' } },
    },
  },
  {
    title: 'drops every named element when patch elements have no merge key',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1'] },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 80 }] }] } },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ image: 'noname' }] } } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1'], name: 'd' },
      spec: { replicas: 1, template: { spec: { containers: [] } } },
    },
  },
  {
    title: 'drops every named element when a keyed list is patched with scalars',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1'] },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 80 }] }] } },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: ['a', 'b'] } } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1'], name: 'd' },
      spec: { replicas: 1, template: { spec: { containers: [] } } },
    },
  },
  {
    title: 'drops a patch port without containerPort',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1'] },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 80 }] }] } },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 81 }, { name: 'p' }] }] } },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1'], name: 'd' },
      spec: {
        replicas: 1,
        template: {
          spec: {
            containers: [{ image: 'a', name: 'a', ports: [{ containerPort: 81 }, { containerPort: 80 }] }],
          },
        },
      },
    },
  },
  {
    title: 'replaces a set-like list with $patch: replace',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1'] },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 80 }] }] } },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f2', { $patch: 'replace' }] },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f2'], name: 'd' },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ image: 'a', name: 'a', ports: [{ containerPort: 80 }] }] } },
      },
    },
  },
  {
    title: 'clears a map with $patch: delete',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', finalizers: ['f1'] },
      spec: {
        replicas: 1,
        template: { spec: { containers: [{ name: 'a', image: 'a', ports: [{ containerPort: 80 }] }] } },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 3, template: { spec: { $patch: 'delete', containers: [{ name: 'z' }] } } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { finalizers: ['f1'], name: 'd' },
      spec: { replicas: 3, template: {} },
    },
  },
  {
    title:
      'merges ports and topologySpreadConstraints on two keys; replaces schedulingGates (newer than v1.21)',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            schedulingGates: [{ name: 'g1' }],
            topologySpreadConstraints: [
              { topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', maxSkew: 1 },
              { topologyKey: 'host', maxSkew: 1 },
            ],
            containers: [
              {
                name: 'a',
                ports: [
                  { containerPort: 80, protocol: 'TCP', name: 'a' },
                  { containerPort: 81, name: 'b' },
                  { containerPort: 82, protocol: 'UDP', name: 'c' },
                ],
              },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            schedulingGates: [{ name: 'g2' }],
            topologySpreadConstraints: [
              { topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', maxSkew: 2 },
            ],
            containers: [{ name: 'a', ports: [{ containerPort: 90, protocol: 'TCP', name: 'x' }] }],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                ports: [
                  { containerPort: 90, name: 'x', protocol: 'TCP' },
                  { containerPort: 80, name: 'a', protocol: 'TCP' },
                  { containerPort: 81, name: 'b' },
                  { containerPort: 82, name: 'c', protocol: 'UDP' },
                ],
              },
            ],
            schedulingGates: [{ name: 'g2' }],
            topologySpreadConstraints: [
              { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
              { maxSkew: 1, topologyKey: 'host' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'keeps the original port when the patch port has no protocol but the original has one',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                ports: [
                  { containerPort: 80, protocol: 'TCP', name: 'a' },
                  { containerPort: 82, protocol: 'UDP', name: 'c' },
                ],
              },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'x' }] }] } },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'a',
                ports: [
                  { containerPort: 80, name: 'a', protocol: 'TCP' },
                  { containerPort: 82, name: 'c', protocol: 'UDP' },
                ],
              },
            ],
          },
        },
      },
    },
  },
  {
    title: 'ignores $patch: replace on a keyed list element',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a', args: ['x'], envFrom: [{ configMapRef: { name: 'c1' } }] },
              { name: 'b', image: 'b' },
            ],
            initContainers: [{ name: 'i', image: 'i' }],
            imagePullSecrets: [{ name: 's1' }],
            hostAliases: [{ ip: '1.1.1.1', hostnames: ['a'] }],
            volumes: [
              { name: 'v', emptyDir: {} },
              { name: 'w', configMap: { name: 'x' } },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'a', $patch: 'replace', image: 'z' }] } } },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { args: ['x'], envFrom: [{ configMapRef: { name: 'c1' } }], image: 'a', name: 'a' },
              { image: 'b', name: 'b' },
            ],
            hostAliases: [{ hostnames: ['a'], ip: '1.1.1.1' }],
            imagePullSecrets: [{ name: 's1' }],
            initContainers: [{ image: 'i', name: 'i' }],
            volumes: [
              { emptyDir: {}, name: 'v' },
              { configMap: { name: 'x' }, name: 'w' },
            ],
          },
        },
      },
    },
  },
  {
    title:
      'clears a list with a {$patch: delete} element; merges initContainers, imagePullSecrets and hostAliases',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a', args: ['x'], envFrom: [{ configMapRef: { name: 'c1' } }] },
              { name: 'b', image: 'b' },
            ],
            initContainers: [{ name: 'i', image: 'i' }],
            imagePullSecrets: [{ name: 's1' }],
            hostAliases: [{ ip: '1.1.1.1', hostnames: ['a'] }],
            volumes: [
              { name: 'v', emptyDir: {} },
              { name: 'w', configMap: { name: 'x' } },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [{ $patch: 'delete' }],
            initContainers: [{ name: 'j', image: 'j' }],
            imagePullSecrets: [{ name: 's2' }],
            hostAliases: [
              { ip: '1.1.1.1', hostnames: ['b'] },
              { ip: '2.2.2.2', hostnames: ['c'] },
            ],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            hostAliases: [
              { hostnames: ['b'], ip: '1.1.1.1' },
              { hostnames: ['c'], ip: '2.2.2.2' },
            ],
            imagePullSecrets: [{ name: 's2' }, { name: 's1' }],
            initContainers: [
              { image: 'j', name: 'j' },
              { image: 'i', name: 'i' },
            ],
            volumes: [
              { emptyDir: {}, name: 'v' },
              { configMap: { name: 'x' }, name: 'w' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'replaces envFrom, merges volumes, and keeps a $patch element in a list the resource lacks',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a', args: ['x'], envFrom: [{ configMapRef: { name: 'c1' } }] },
              { name: 'b', image: 'b' },
            ],
            initContainers: [{ name: 'i', image: 'i' }],
            imagePullSecrets: [{ name: 's1' }],
            hostAliases: [{ ip: '1.1.1.1', hostnames: ['a'] }],
            volumes: [
              { name: 'v', emptyDir: {} },
              { name: 'w', configMap: { name: 'x' } },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [{ name: 'a', envFrom: [{ secretRef: { name: 's' } }] }],
            volumes: [
              { name: 'w', configMap: null, secret: { secretName: 's' } },
              { name: 'v', $patch: 'delete' },
            ],
            ephemeralContainers: [{ name: 'e', image: 'e' }, { $patch: 'replace' }],
          },
        },
      },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { args: ['x'], envFrom: [{ secretRef: { name: 's' } }], image: 'a', name: 'a' },
              { image: 'b', name: 'b' },
            ],
            ephemeralContainers: [{ $patch: 'replace' }],
            hostAliases: [{ hostnames: ['a'], ip: '1.1.1.1' }],
            imagePullSecrets: [{ name: 's1' }],
            initContainers: [{ image: 'i', name: 'i' }],
            volumes: [{ name: 'w', secret: { secretName: 's' } }],
          },
        },
      },
    },
  },
  {
    title: 'replaces the whole resource with a top-level $patch: replace, keeping kind and name',
    target: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'a', args: ['x'], envFrom: [{ configMapRef: { name: 'c1' } }] },
              { name: 'b', image: 'b' },
            ],
            initContainers: [{ name: 'i', image: 'i' }],
            imagePullSecrets: [{ name: 's1' }],
            hostAliases: [{ ip: '1.1.1.1', hostnames: ['a'] }],
            volumes: [
              { name: 'v', emptyDir: {} },
              { name: 'w', configMap: { name: 'x' } },
            ],
          },
        },
      },
    },
    patch: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', $patch: 'replace' },
      spec: { replicas: 1 },
    },
    expected: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: {
        replicas: 1,
        template: {
          spec: {
            containers: [
              { args: ['x'], envFrom: [{ configMapRef: { name: 'c1' } }], image: 'a', name: 'a' },
              { image: 'b', name: 'b' },
            ],
            hostAliases: [{ hostnames: ['a'], ip: '1.1.1.1' }],
            imagePullSecrets: [{ name: 's1' }],
            initContainers: [{ image: 'i', name: 'i' }],
            volumes: [
              { emptyDir: {}, name: 'v' },
              { configMap: { name: 'x' }, name: 'w' },
            ],
          },
        },
      },
    },
  },
  {
    title: 'autoscaling/v2 HorizontalPodAutoscaler: merges Service ports on port and protocol',
    target: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'd', finalizers: ['a'] },
    },
    patch: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'd', finalizers: ['b'] },
    },
    expected: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { finalizers: ['b'], name: 'd' },
    },
  },
  {
    title: 'v1 Service: merges Service ports on port and protocol',
    target: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        ports: [
          { port: 80, protocol: 'TCP', name: 'a' },
          { port: 81, name: 'b' },
        ],
      },
    },
    patch: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        ports: [
          { port: 81, name: 'bb' },
          { port: 80, protocol: 'UDP', name: 'x' },
        ],
      },
    },
    expected: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: {
        ports: [
          { name: 'x', port: 80, protocol: 'UDP' },
          { name: 'a', port: 80, protocol: 'TCP' },
          { name: 'bb', port: 81 },
        ],
      },
    },
  },
  {
    title: 'policy/v1beta1 PodSecurityPolicy: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'p', finalizers: ['a'] },
    },
    patch: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { name: 'p', finalizers: ['b'] },
    },
    expected: {
      apiVersion: 'policy/v1beta1',
      kind: 'PodSecurityPolicy',
      metadata: { finalizers: ['b', 'a'], name: 'p' },
    },
  },
  {
    title: 'batch/v1beta1 CronJob: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: 'a' }] } } } } },
    },
    patch: {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: 'b' }] } } } } },
    },
    expected: {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                containers: [
                  { image: 'b', name: 'b' },
                  { image: 'a', name: 'a' },
                ],
              },
            },
          },
        },
      },
    },
  },
  {
    title: 'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm' },
      webhooks: [{ name: 'w1', sideEffects: 'None' }],
    },
    patch: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm' },
      webhooks: [{ name: 'w2', sideEffects: 'None' }],
    },
    expected: {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: 'm' },
      webhooks: [
        { name: 'w2', sideEffects: 'None' },
        { name: 'w1', sideEffects: 'None' },
      ],
    },
  },
  {
    title: 'v1 ServiceAccount: lists per the v1.21.2 schema',
    target: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, secrets: [{ name: 's1' }] },
    patch: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' }, secrets: [{ name: 's2' }] },
    expected: {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'sa' },
      secrets: [{ name: 's2' }, { name: 's1' }],
    },
  },
  {
    title: 'storage.k8s.io/v1 CSIStorageCapacity: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIStorageCapacity',
      metadata: { name: 'csc', finalizers: ['a'] },
    },
    patch: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIStorageCapacity',
      metadata: { name: 'csc', finalizers: ['b'] },
    },
    expected: {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIStorageCapacity',
      metadata: { finalizers: ['b'], name: 'csc' },
    },
  },
  {
    title: 'networking.k8s.io/v1 Ingress: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'i',
        finalizers: ['a'],
        ownerReferences: [{ uid: 'u1', name: 'o1', apiVersion: 'v1', kind: 'ConfigMap' }],
      },
    },
    patch: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'i',
        finalizers: ['b'],
        ownerReferences: [{ uid: 'u2', name: 'o2', apiVersion: 'v1', kind: 'ConfigMap' }],
      },
    },
    expected: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        finalizers: ['b', 'a'],
        name: 'i',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'o2', uid: 'u2' },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'o1', uid: 'u1' },
        ],
      },
    },
  },
  {
    title: 'flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
      kind: 'FlowSchema',
      metadata: { name: 'f', finalizers: ['a'] },
    },
    patch: {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
      kind: 'FlowSchema',
      metadata: { name: 'f', finalizers: ['b'] },
    },
    expected: {
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
      kind: 'FlowSchema',
      metadata: { finalizers: ['b'], name: 'f' },
    },
  },
  {
    title: 'autoscaling/v2beta2 HorizontalPodAutoscaler: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', finalizers: ['a'] },
    },
    patch: {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'h', finalizers: ['b'] },
    },
    expected: {
      apiVersion: 'autoscaling/v2beta2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { finalizers: ['b', 'a'], name: 'h' },
    },
  },
  {
    title: 'discovery.k8s.io/v1 EndpointSlice: lists per the v1.21.2 schema',
    target: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'e', finalizers: ['a'] },
    },
    patch: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'e', finalizers: ['b'] },
    },
    expected: {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { finalizers: ['b', 'a'], name: 'e' },
    },
  },
];

describe('applyStrategicMerge', () => {
  it.each(cases)('$title', ({ target, patch, expected }) => {
    // Arrange
    const before = structuredClone(target);
    const patchBefore = structuredClone(patch);

    // Act
    const result = applyStrategicMerge(target, patch);

    // Assert
    expect(result).toEqual({ value: expected });
    expect(target).toEqual(before);
    expect(patch).toEqual(patchBefore);
  });

  it('deletes the resource for a top-level $patch: delete', () => {
    const target: JsonObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } };

    const result = applyStrategicMerge(target, { ...target, $patch: 'delete' });

    expect(result).toEqual({ deleted: true });
  });

  it.each([
    [{ spec: { replicas: { a: 1 } } }, 'wrong node kind: expected ScalarNode but got MappingNode'],
    [{ spec: { template: ['a'] } }, 'wrong node kind: expected MappingNode but got SequenceNode'],
    [
      { spec: { template: { spec: { containers: { a: 1 } } } } },
      'wrong node kind: expected SequenceNode but got MappingNode',
    ],
    [{ spec: { $patch: 'bogus', replicas: 3 } }, "unknown patch strategy 'bogus'"],
  ])("reports kustomize's error for %j", (fields, message) => {
    const target: JsonObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { replicas: 1, template: { spec: { containers: [{ name: 'a', image: 'a' }] } } },
    };

    const result = applyStrategicMerge(target, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      ...fields,
    });

    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error.startsWith(message)).toBe(true);
  });

  it('keeps the kind, name and namespace whatever the patch says', () => {
    const target: JsonObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'n' },
    };
    const patch: JsonObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'x', namespace: null },
      data: { a: 'b' },
    };

    const result = applyStrategicMerge(target, patch);

    expect(result).toEqual({
      value: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c', namespace: 'n' },
        data: { a: 'b' },
      },
    });
  });
});
