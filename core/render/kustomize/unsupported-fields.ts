import { stopAt, type BuildContext } from './build-context.ts';
import type { KustomizationFile } from './read-kustomization.ts';

/**
 * Fields of a kustomization the built-in engine does not implement, and what to do instead.
 * A build that meets one stops with a finding: a silently different render would be worse.
 */
const UNSUPPORTED: Record<string, string> = {
  helmCharts:
    'helm charts need the helm binary: render this environment with renderer: kustomize (with --enable-helm) or renderer: helm',
  helmChartInflationGenerator: 'helm charts need the helm binary: use renderer: kustomize or renderer: helm',
  helmGlobals: 'helm charts need the helm binary: use renderer: kustomize or renderer: helm',
  vars: 'vars are deprecated in kustomize; rewrite them as replacements, or use renderer: kustomize',
  configurations:
    'custom transformer configurations are not supported by the built-in engine; use renderer: kustomize',
  crds: 'crds (OpenAPI for custom kinds) is not supported by the built-in engine; use renderer: kustomize',
  openapi: 'a custom openapi schema is not supported by the built-in engine; use renderer: kustomize',
  validators: 'validator plugins are not supported; use renderer: kustomize',
  imageTags: 'imageTags is a legacy field the built-in engine does not read; use images',
  buildMetadata: 'buildMetadata is not supported by the built-in engine; use renderer: kustomize',
};

/** Stops the build at the first field of the kustomization that the built-in engine cannot honour. */
export function rejectUnsupportedFields(_context: BuildContext, file: KustomizationFile): void {
  for (const [field, advice] of Object.entries(UNSUPPORTED)) {
    const value = file.content[field];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    throw stopAt(file, `/${field}`, `unsupported: ${field} (${advice})`, 'kustomize-unsupported');
  }
}
