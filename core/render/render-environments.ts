import { mapLimited } from '../concurrency.ts';
import type { Finding } from '../findings.ts';
import { needsExternalTool, renderExternalEnvironments } from './external/render-external.ts';
import type { ExternalRenderDeps } from './external/types.ts';
import type { Environment } from './environments/types.ts';
import type { BuildCache } from './kustomize/build-context.ts';
import { buildKustomization, type RenderedResource } from './kustomize/build-kustomization.ts';
import { BuildStop } from './kustomize/build-types.ts';
import { parseKustomizeYaml } from './kustomize/load-resources.ts';
import { plainManifests } from './plain-manifests.ts';
import { emitYamlDocuments } from '../manifests/emit-yaml.ts';
import type { FileSource } from '../files/file-source.ts';
import type { JsonObject } from '../manifests/json-value.ts';

/** One environment, rendered: its resources as the cluster will receive them, or why not. */
export interface RenderedEnvironment {
  environment: Environment;
  /** False when the environment could not be rendered (its findings say why). */
  ok: boolean;
  resources: RenderedResource[];
  findings: Finding[];
}

export interface RenderEnvironmentsDeps {
  files: FileSource;
  /** For `kustomize`, `kubectl` and `helm` renderers; without it those environments are not rendered. */
  external?: ExternalRenderDeps;
  /** Shared by the builds of the built-in engine (bases parsed once). */
  cache?: BuildCache;
}

/** `renderer: none`: the folder's Kubernetes objects as they are (plain-manifests.ts). */
async function renderPlain(files: FileSource, environment: Environment): Promise<RenderedEnvironment> {
  const { resources, findings } = await plainManifests(files, environment);
  return { environment, ok: !findings.some((f) => f.severity === 'error'), resources, findings };
}

/** Reads the YAML an external tool printed into resources (their origin is the environment's folder). */
function fromYaml(environment: Environment, yaml: string, anchor: string): RenderedEnvironment {
  try {
    const resources = parseKustomizeYaml(yaml, anchor).flatMap((document) =>
      document.value !== null && typeof document.value === 'object' && !Array.isArray(document.value)
        ? [{ object: document.value as JsonObject, origin: { path: anchor, line: 1 } }]
        : [],
    );
    return { environment, ok: true, resources, findings: [] };
  } catch (error) {
    if (!(error instanceof BuildStop)) throw error;
    return { environment, ok: false, resources: [], findings: [error.finding] };
  }
}

/**
 * Renders environments as the cluster will see them: the built-in kustomize engine, plain
 * manifests, or the kustomize, kubectl and helm binaries (through the injected process runner).
 * Results come back in the order given; an environment that cannot be rendered says why in its
 * findings (a missing binary is an error on every environment it leaves unrendered).
 */
export async function renderEnvironments(
  environments: readonly Environment[],
  deps: RenderEnvironmentsDeps,
): Promise<RenderedEnvironment[]> {
  const external = new Map<string, RenderedEnvironment>();
  const needing = environments.filter(needsExternalTool);
  if (needing.length > 0 && deps.external !== undefined) {
    const batch = await renderExternalEnvironments(needing, deps.external);
    batch.results.forEach((result, index) => {
      const environment = needing[index] as Environment;
      const rendered =
        result.yaml === undefined
          ? { environment, ok: false, resources: [], findings: [] }
          : fromYaml(environment, result.yaml, environment.path || '.');
      const missing =
        result.missingTool === undefined
          ? []
          : batch.findings.filter((f) => f.message.startsWith(result.missingTool as string));
      external.set(environment.name, {
        ...rendered,
        ok: rendered.ok && result.yaml !== undefined,
        findings: [...result.findings, ...missing, ...rendered.findings],
      });
    });
  }
  // Built-in builds overlap: while one waits on the file source, another computes.
  const results = await mapLimited(environments, 8, async (environment): Promise<RenderedEnvironment> => {
    if (environment.renderer === 'builtin') {
      const build = await buildKustomization(
        deps.files,
        environment.path,
        deps.cache ? { cache: deps.cache } : {},
      );
      return { environment, ok: build.ok, resources: build.resources, findings: build.findings };
    }
    if (environment.renderer === 'none') return renderPlain(deps.files, environment);
    return (
      external.get(environment.name) ?? {
        environment,
        ok: false,
        resources: [],
        findings: [
          {
            ruleId: 'renderer-missing',
            severity: 'error',
            message: `environment ${environment.name} needs the ${environment.renderer} binary, which this run cannot call: not rendered`,
            path: environment.path || '.',
          },
        ],
      }
    );
  });
  return results;
}

/** The YAML of a rendered environment, as `kustomize build` prints it. */
export function renderedYaml(rendered: RenderedEnvironment): string {
  return emitYamlDocuments(rendered.resources.map((resource) => resource.object));
}
