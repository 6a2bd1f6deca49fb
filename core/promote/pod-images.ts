/** The `image:` scalars of a workload's containers and init containers, wherever its kind keeps its pod spec. */
import type { Node } from 'yaml';
import {
  isFlow,
  mapValue,
  scalarSpot,
  scalarText,
  seqItems,
  type YamlSource,
} from '../manifests/yaml-source.ts';
import type { ScalarPlace } from './edit-scalar.ts';

/** Where each kind keeps its pod spec. */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export interface ContainerImage {
  place: ScalarPlace;
  /** `containers[web].image`. */
  field: string;
}

/** The container images of document `document` (its root node `root`). */
export function podImages(source: YamlSource, root: Node | null, document: number): ContainerImage[] {
  const kind = scalarText(mapValue(root, 'kind'));
  const specPath = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
  if (!specPath) return [];
  let spec: unknown = root;
  for (const key of specPath) spec = mapValue(spec, key);
  const out: ContainerImage[] = [];
  for (const list of ['initContainers', 'containers']) {
    const containers = mapValue(spec, list);
    for (const [index, container] of seqItems(containers).entries()) {
      const imageNode = mapValue(container, 'image');
      const spot = scalarSpot(source, imageNode, isFlow(source, container) || isFlow(source, containers));
      if (!spot || spot.value === '') continue;
      const name = scalarText(mapValue(container, 'name')) ?? String(index);
      out.push({
        place: { spot, document, path: [...specPath, list, index, 'image'] },
        field:
          `${kind} ${scalarText(mapValue(mapValue(root, 'metadata'), 'name')) ?? ''} ${list}[${name}].image`.replace(
            '  ',
            ' ',
          ),
      });
    }
  }
  return out;
}
