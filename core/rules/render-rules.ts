import type { RuleEntry } from './rule-entry.ts';

/** The rules of rendering an environment: the built-in Kustomize engine and the external binaries. */
export const RENDER_RULES = {
  kustomization: {
    group: 'render',
    defaultSeverity: 'error',
    description: 'The kustomization file is not one kustomize accepts.',
    help: 'Fix the file at the line given (its YAML, an unknown field, a wrong type, kind or apiVersion); kustomize would refuse it too.',
  },
  'kustomize-build': {
    group: 'render',
    defaultSeverity: 'error',
    description: 'The kustomization does not build.',
    help: 'Fix what the message names (a missing file, a patch without a target, a conflict); kustomize build fails the same way.',
  },
  'kustomize-unsupported': {
    group: 'render',
    defaultSeverity: 'error',
    description: 'The kustomization uses a feature the built-in engine does not implement.',
    help: 'Follow the advice in the message, or render the environment with renderer: kustomize in .kubeproof.yaml.',
    readme: 'what-it-refuses-and-says-so',
  },
  'kustomize-remote': {
    group: 'render',
    defaultSeverity: 'error',
    description: 'The kustomization refers to a remote resource, which kubeproof never fetches.',
    help: 'Vendor the resource into the repository, or render the environment with renderer: kustomize.',
    readme: 'what-it-refuses-and-says-so',
  },
  'kustomize-path-escape': {
    group: 'render',
    defaultSeverity: 'error',
    description: "A path in the kustomization leaves the repository or the kustomization's folder.",
    help: "Keep files in or below the kustomization's folder and everything inside the repository (or pass a wider --root to kubeproof render).",
    readme: 'what-it-refuses-and-says-so',
  },
  'helm-template': {
    group: 'render',
    defaultSeverity: 'error',
    description: 'helm template failed, or warned, for the environment.',
    help: 'Fix the chart or the values the message names; a values file marked ignoreMissingValueFiles only gives a notice.',
    readme: 'external-engines',
  },
  'renderer-missing': {
    group: 'render',
    defaultSeverity: 'error',
    description: 'The binary the environment is rendered with is not available, so it was not rendered.',
    help: 'Install the binary the message names, or render kustomize environments with renderer: builtin.',
    readme: 'external-engines',
  },
  'renderer-refused': {
    group: 'render',
    defaultSeverity: 'error',
    description: "The change's .kubeproof.yaml asks for a binary the base does not allow on a pull request.",
    help: "Allow the renderer in the base branch's .kubeproof.yaml or with the input the message names.",
    readme: 'external-engines',
  },
  'plain-manifests': {
    group: 'render',
    defaultSeverity: 'error',
    description: 'A folder rendered as plain manifests holds a file that is not only Kubernetes objects.',
    help: "Move the file that is not a manifest out of the folder, or split it; files without any apiVersion and kind are skipped with a notice, as Argo CD's directory source skips them.",
  },
} as const satisfies Record<string, RuleEntry>;
