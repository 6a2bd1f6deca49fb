import type { FileSource } from '../../files/file-source.ts';
import { detectRenderer } from './detect-renderer.ts';
import type { Environment, EnvironmentConfig } from './types.ts';

/**
 * The environments `.kubeproof.yaml` declares, in its order. A missing renderer is inferred from
 * the folder (helm settings or a Chart.yaml: helm; a kustomization: builtin; otherwise none), and
 * `renderer: helm` without settings renders the folder itself as the chart.
 */
export async function configEnvironments(
  files: FileSource,
  declared: EnvironmentConfig[],
  configPath: string,
): Promise<Environment[]> {
  const exists = async (path: string): Promise<boolean> => (await files.readFile(path)) !== undefined;
  const environments: Environment[] = [];
  for (const entry of declared) {
    const renderer = entry.renderer ?? (entry.helm ? 'helm' : await detectRenderer(exists, entry.path));
    const environment: Environment = {
      name: entry.name,
      path: entry.path,
      source: 'config',
      renderer,
      detail: `declared in ${configPath}`,
    };
    if (entry.kubernetesVersion !== undefined) environment.kubernetesVersion = entry.kubernetesVersion;
    if (renderer === 'helm') environment.helm = entry.helm ?? { chart: entry.path, valuesFiles: [] };
    environments.push(environment);
  }
  return environments;
}
