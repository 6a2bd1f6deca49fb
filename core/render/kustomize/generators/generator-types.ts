import type { JsonObject } from '../../../manifests/json-value.ts';

/** One `configMapGenerator` or `secretGenerator` entry of a kustomization. */
export interface GeneratorArgs {
  name: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  /** `KEY=value`; surrounding matching quotes of the value are removed. */
  literals?: string[];
  /** `path` (the key is the file name) or `key=path`, relative to the kustomization's folder. */
  files?: string[];
  /** Env files (`KEY=value` lines), relative to the kustomization's folder. */
  envs?: string[];
  /** The deprecated single env file; kustomize reads it after `envs`. */
  env?: string;
  /** Secrets only: the Secret's `type` (default `Opaque`). */
  type?: string;
  options?: GeneratorOptions;
}

/** `generatorOptions` of a kustomization, or the `options` of one generator entry. */
export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** A generated ConfigMap or Secret, named without its hash suffix. */
export interface GeneratedResource {
  resource: JsonObject;
  /** Whether kustomize appends `-<nameHash>` to the name (at the very end of the build). */
  hashSuffix: boolean;
}

/** A problem with a generator entry, worded as kustomize words it. */
export interface GeneratorError {
  error: string;
}

/** One key and value read from a literal, a file or an env file. */
export interface KeyValuePair {
  key: string;
  /** Text, or the raw bytes of a file that is not valid UTF-8. */
  value: string | Uint8Array;
}
