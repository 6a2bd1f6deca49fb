import type { SchemaCompiler, SchemaValidator } from './compile-schema.ts';
import type { GitOpsSchemas } from './gitops-schemas.ts';
import type { OfflineSchemas } from './offline-schemas.ts';
import { templateVariables, type SchemaLocation } from './schema-location.ts';
import type { SchemaLoader } from './schema-loader.ts';
import type { SchemaUse } from './result.ts';

/** The answer to "which schema validates this kind?". */
export type SchemaLookup =
  | {
      status: 'found';
      source: string;
      validate: SchemaValidator;
      use: SchemaUse;
      /**
       * Set when this schema cannot honour the request (`-strict`, `-kubernetes-version`): a
       * resource it passes is not validated, and this says why and how to fix it.
       */
      shortfall?: string;
      /**
       * Set when this schema only fills a gap (no location has the kind) and cannot honour the
       * request (`-strict`): a resource it passes counts as one with no schema, with this detail;
       * the errors it does find are still reported.
       */
      missingIfPassed?: string;
    }
  | { status: 'missing'; detail?: string; unreachable?: boolean }
  | { status: 'error'; message: string };

export interface SchemaRegistryOptions {
  /** Parsed `-schema-location`s, in order; the first that has the schema wins. */
  locations: readonly (SchemaLocation | 'offline')[];
  kubernetesVersion: string;
  strict: boolean;
  /**
   * Use the offline schemas when every location was unreachable (no `-schema-location` was given,
   * so the user relies on kubeconform's default URL and may have no network).
   */
  offlineFallback: boolean;
  /** Absolute base for relative local locations (the working directory). */
  baseDirectory: string;
  /**
   * `any`: the offline schemas were asked for (`-offline`, location `offline`): an explicit weaker
   * check, said once. `requested` (default): they stand in for the locations only where they honour
   * `strict` and `kubernetesVersion`; elsewhere a resource they pass is "not validated".
   */
  offlineAccepts?: 'any' | 'requested';
}

/** `yannh/kubernetes-json-schema` for kubeconform's default location, else the template as given. */
export function describeLocation(template: string): string {
  const github = /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\//.exec(template);
  return github?.[1] ?? template;
}

/** Why the offline schemas cannot stand in for the request, or undefined when they can. */
export function offlineShortfall(
  offline: Pick<OfflineSchemas, 'kubernetesVersion' | 'strict'>,
  kubernetesVersion: string,
  strict: boolean,
): string | undefined {
  const unmet: string[] = [];
  if (strict && !offline.strict) unmet.push('-strict (they cannot see unknown fields)');
  const minor = kubernetesVersion.split('.').slice(0, 2).join('.');
  if (kubernetesVersion !== 'master' && minor !== offline.kubernetesVersion)
    unmet.push(
      `-kubernetes-version ${kubernetesVersion} (they model Kubernetes ${offline.kubernetesVersion})`,
    );
  return unmet.length === 0 ? undefined : unmet.join(' or ');
}

export interface SchemaRegistryDeps {
  loader: SchemaLoader;
  compile: SchemaCompiler;
  offline?: OfflineSchemas;
  /** Argo CD and Flux kinds, for the `offline` location and where no location has them. */
  gitops?: GitOpsSchemas;
  /** Says something once about the run (an unreachable location, the offline fallback). */
  notice(message: string): void;
}

function toUrl(rendered: string, baseDirectory: string): string {
  if (/^https?:\/\//.test(rendered) || rendered.startsWith('file://')) return rendered;
  const absolute = rendered.startsWith('/') ? rendered : `${baseDirectory.replace(/\/$/, '')}/${rendered}`;
  return new URL(`file://${absolute.split('/').map(encodeURIComponent).join('/')}`).href;
}

/**
 * Resolves kind + apiVersion to a compiled validator: custom resource definitions found in the
 * input first, then each location in order. Results, misses included, are cached for the run
 * (kubeconform's in-memory cache, keyed by kind, version and Kubernetes version).
 */
export function createSchemaRegistry(options: SchemaRegistryOptions, deps: SchemaRegistryDeps) {
  const cache = new Map<string, SchemaLookup | Promise<SchemaLookup>>();
  const fromInput = new Map<string, SchemaLookup>();
  const noticed = new Set<string>();
  let usedOffline = false;

  function noticeOnce(key: string, message: string): void {
    if (noticed.has(key)) return;
    noticed.add(key);
    deps.notice(message);
  }

  const accepts = options.offlineAccepts ?? 'requested';
  const shortfall = deps.offline
    ? offlineShortfall(deps.offline, options.kubernetesVersion, options.strict)
    : undefined;

  function offlineUse(): SchemaUse {
    const offline = deps.offline as OfflineSchemas;
    return {
      source: offline.source,
      kubernetesVersion: offline.kubernetesVersion,
      strict: offline.strict,
      origin: 'offline',
    };
  }

  /** The offline schema of a kind; `implicit` when it stands in for locations that could not answer. */
  async function offline(
    kind: string,
    apiVersion: string,
    implicit: boolean,
  ): Promise<SchemaLookup | undefined> {
    const validate = await deps.offline?.lookup(kind, apiVersion);
    if (!validate || !deps.offline) return undefined;
    usedOffline = true;
    const unmet = accepts === 'any' ? undefined : shortfall;
    const why = implicit ? 'no schema location could be reached; ' : '';
    noticeOnce(
      'offline',
      unmet === undefined
        ? `schemas: offline, from ${deps.offline.source}${options.strict ? '; -strict cannot report unknown fields with them' : ''}`
        : `schemas: ${why}the offline ${deps.offline.source} cannot honour ${unmet}: resources they pass are reported as not validated`,
    );
    const found: SchemaLookup = {
      status: 'found',
      source: `${deps.offline.source.split(' (')[0]}: ${apiVersion}/${kind}`,
      validate,
      use: offlineUse(),
    };
    if (unmet !== undefined)
      found.shortfall =
        `not validated: ${why}the offline schemas (${deps.offline.source}) cannot honour ${unmet}. ` +
        'Give a reachable -schema-location or a local schema folder, or pass -offline for an explicit weaker check';
    return found;
  }

  /**
   * The bundled schema of an Argo CD or Flux kind. `asked`: the `offline` location; `stand-in`: the
   * locations could not be reached (as the built-in offline schemas, it must honour the request);
   * `gap`: every location answered that it has no schema for the kind (kubeconform's default
   * location has none for custom resources), so it is this schema or none.
   */
  async function gitops(
    kind: string,
    apiVersion: string,
    use: 'asked' | 'stand-in' | 'gap',
  ): Promise<SchemaLookup | undefined> {
    const schema = await deps.gitops?.lookup(kind, apiVersion);
    if (!schema || !deps.gitops) return undefined;
    usedOffline = true;
    const weaker = options.strict && !deps.gitops.strict && !(use === 'asked' || accepts === 'any');
    const why = use === 'stand-in' ? 'no schema location could be reached; ' : '';
    noticeOnce(
      `gitops:${schema.source}`,
      `schemas: ${use === 'gap' ? 'kinds no schema location has are validated with' : `${why}offline, from`} ${schema.source}` +
        (!options.strict
          ? ''
          : weaker
            ? use === 'gap'
              ? '; they cannot honour -strict: resources they pass are reported as without a schema'
              : '; they cannot honour -strict: resources they pass are reported as not validated'
            : '; -strict cannot report unknown fields with them'),
    );
    const found: SchemaLookup = {
      status: 'found',
      source: `${schema.source.split(' (')[0]}: ${apiVersion}/${kind}`,
      validate: schema.validate,
      use: {
        source: schema.source,
        kubernetesVersion: options.kubernetesVersion,
        strict: deps.gitops.strict,
        origin: 'offline',
      },
    };
    if (weaker && use === 'gap')
      found.missingIfPassed = `no strict schema: ${schema.source.split(' (')[0]} found no error but cannot see unknown fields`;
    else if (weaker)
      found.shortfall =
        `not validated: ${why}the offline schemas (${schema.source}) cannot honour -strict (they cannot see unknown fields). ` +
        'Give a reachable -schema-location or a local schema folder, or pass -offline for an explicit weaker check';
    return found;
  }

  async function resolve(kind: string, apiVersion: string): Promise<SchemaLookup> {
    const variables = templateVariables(kind, apiVersion, options.kubernetesVersion, options.strict);
    let unreachable = 0;
    for (const location of options.locations) {
      if (location === 'offline') {
        const hit = (await offline(kind, apiVersion, false)) ?? (await gitops(kind, apiVersion, 'asked'));
        if (hit) return hit;
        continue;
      }
      const url = toUrl(location.render(variables), options.baseDirectory);
      const loaded = await deps.loader.load(url);
      if (loaded.status === 'not-found') continue;
      if (loaded.status === 'error') return { status: 'error', message: loaded.message };
      if (loaded.status === 'unreachable') {
        unreachable++;
        noticeOnce(`down:${location.template}`, `${loaded.message}; trying the next schema location`);
        continue;
      }
      const compiled = await deps.compile(loaded.document, url);
      if (compiled.ok)
        return {
          status: 'found',
          source: url,
          validate: compiled.validate,
          use: {
            source: describeLocation(location.template),
            kubernetesVersion: options.kubernetesVersion,
            strict: options.strict,
            origin: 'location',
          },
        };
      noticeOnce(`compile:${url}`, `${compiled.message}; trying the next schema location`);
    }
    // yannh/kubernetes-json-schema has no standalone CustomResourceDefinition schema (its generator
    // cannot inline the recursive JSONSchemaProps; kubeconform #51, #100), so CRDs would always be
    // "missing". The bundled apiextensions schema fills that gap.
    if (kind === 'CustomResourceDefinition' && apiVersion.startsWith('apiextensions.k8s.io/')) {
      const validate = await deps.offline?.lookup(kind, apiVersion);
      if (validate && deps.offline) {
        noticeOnce(
          'crd',
          `schemas: CustomResourceDefinition manifests are validated with ${deps.offline.source}`,
        );
        return {
          status: 'found',
          source: `${deps.offline.source.split(' (')[0]}: ${apiVersion}/${kind}`,
          validate,
          use: offlineUse(),
        };
      }
    }
    if (unreachable > 0 && options.offlineFallback) {
      const hit = (await offline(kind, apiVersion, true)) ?? (await gitops(kind, apiVersion, 'stand-in'));
      if (hit) return hit;
    }
    if (unreachable === 0 && options.locations.some((location) => location !== 'offline')) {
      const hit = await gitops(kind, apiVersion, 'gap');
      if (hit) return hit;
    }
    if (unreachable > 0)
      return {
        status: 'missing',
        detail: `${unreachable} schema location(s) unreachable`,
        unreachable: true,
      };
    return { status: 'missing' };
  }

  return {
    /** Registers the schema of a custom resource defined by a CustomResourceDefinition in the input. */
    register(kind: string, apiVersion: string, source: string, validate: SchemaValidator): void {
      fromInput.set(`${kind}-${apiVersion}`, {
        status: 'found',
        source,
        validate,
        use: {
          source: 'CustomResourceDefinitions of the input',
          kubernetesVersion: options.kubernetesVersion,
          strict: options.strict,
          origin: 'from-input',
        },
      });
    },
    lookup(kind: string, apiVersion: string): SchemaLookup | Promise<SchemaLookup> {
      const key = `${kind}-${apiVersion}`;
      const local = fromInput.get(key);
      if (local) return local;
      const cached = cache.get(key);
      if (cached) return cached;
      const pending = resolve(kind, apiVersion).then((result) => {
        cache.set(key, result);
        return result;
      });
      cache.set(key, pending);
      return pending;
    },
    get usedOffline(): boolean {
      return usedOffline;
    },
  };
}

export type SchemaRegistry = ReturnType<typeof createSchemaRegistry>;
