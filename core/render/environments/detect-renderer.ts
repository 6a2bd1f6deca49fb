import { KUSTOMIZATION_FILE_NAMES } from '../kustomize/read-kustomization.ts';
import { folderPrefix } from './repo-path.ts';
import type { Renderer } from './types.ts';

/** Whether a repository file exists. */
export type FileExists = (path: string) => boolean | Promise<boolean>;

/** True when the folder holds a kustomization file under one of the names kustomize recognises. */
export async function hasKustomization(exists: FileExists, folder: string): Promise<boolean> {
  for (const name of KUSTOMIZATION_FILE_NAMES)
    if (await exists(`${folderPrefix(folder)}${name}`)) return true;
  return false;
}

/**
 * The renderer a folder calls for, as Argo CD decides it when nothing is explicit: a chart
 * (Chart.yaml) is Helm, a kustomization is kustomize (kubeproof's built-in engine), anything else
 * is plain manifests.
 * https://argo-cd.readthedocs.io/en/stable/user-guide/tool_detection/
 */
export async function detectRenderer(exists: FileExists, folder: string): Promise<Renderer> {
  if (await exists(`${folderPrefix(folder)}Chart.yaml`)) return 'helm';
  if (await hasKustomization(exists, folder)) return 'builtin';
  return 'none';
}
