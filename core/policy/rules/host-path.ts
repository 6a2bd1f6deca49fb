import { isJsonObject } from '../../manifests/json-value.ts';
import type { PolicyContext, PolicyHit } from '../policy-context.ts';
import { workloadLabel } from '../pod-specs.ts';

/** The sockets of the container runtimes: whoever holds one controls every container of the node. */
const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/cri-dockerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/run/k3s/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
];

function normalize(path: string): string {
  const clean = path.replace(/\/+/g, '/').replace(/\/$/, '');
  return clean === '' ? '/' : clean;
}

/** The runtime socket the path is, or holds (a parent folder such as `/var/run` or `/`). */
function socketIn(path: string): string | undefined {
  const folder = normalize(path);
  return RUNTIME_SOCKETS.find(
    (socket) => socket === folder || socket.startsWith(folder === '/' ? '/' : `${folder}/`),
  );
}

/**
 * `host-path`: a `hostPath` volume; an error when it is (or holds) the docker, containerd or CRI-O
 * socket.
 */
export function hostPath(context: PolicyContext): PolicyHit[] {
  const hits: PolicyHit[] = [];
  for (const pod of context.pods) {
    const volumes = pod.spec['volumes'];
    if (!Array.isArray(volumes)) continue;
    volumes.forEach((volume, index) => {
      if (!isJsonObject(volume) || !isJsonObject(volume['hostPath'])) return;
      const path = volume['hostPath']['path'];
      if (typeof path !== 'string') return;
      const socket = socketIn(path);
      const name = typeof volume['name'] === 'string' ? volume['name'] : `volumes[${index}]`;
      hits.push({
        ruleId: 'host-path',
        resource: pod.resource,
        pointer: `${pod.pointer}/volumes/${index}/hostPath/path`,
        ...(socket === undefined
          ? {
              message: `${workloadLabel(pod)}: volume ${name} mounts ${path} of its node (hostPath)`,
            }
          : {
              severity: 'error' as const,
              message: `${workloadLabel(pod)}: volume ${name} mounts ${path} of its node, ${socket === normalize(path) ? 'the' : 'which holds the'} container runtime's socket ${socket}: whoever holds it controls the node`,
            }),
      });
    });
  }
  return hits;
}
