import { KubeproofError } from '../../../errors.ts';
import type { JsonObject } from '../../../manifests/json-value.ts';
import { nameHashInput } from './name-hash-input.ts';

/** nameHash was given a resource kustomize does not hash from JSON (not a ConfigMap or Secret). */
export class UnsupportedHashKindError extends KubeproofError {
  override name = 'UnsupportedHashKindError';
  readonly kind: string;
  constructor(kind: string) {
    super(
      `kustomize's name hash of a ${kind} depends on its YAML node tree; only ConfigMap and Secret are supported`,
    );
    this.kind = kind;
  }
}

// kubectl's hash encoding (pkg/kubectl/util/hash, copied into kustomize): the first ten hex digits,
// with 0, 1, 3, a, e swapped for letters so the suffix has no vowels and no look-alike digits.
const SUBSTITUTES: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The first ten hex digits of a SHA-256 digest in kustomize's suffix alphabet. */
export function encodeHashSuffix(hex: string): string {
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => SUBSTITUTES[c] ?? c);
}

/**
 * kustomize's content hash suffix of a ConfigMap or Secret, the 10 characters appended as
 * `name-<hash>`: SHA-256 of `nameHashInput(resource)` (UTF-8), as lowercase hex, first ten digits
 * with 0→g, 1→h, 3→k, a→m, e→t. The name itself does not count (see nameHashInput). Computed on
 * the resource as it stands at the end of the build, after merges, patches and transformers.
 */
export async function nameHash(resource: JsonObject): Promise<string> {
  if (resource.kind !== 'ConfigMap' && resource.kind !== 'Secret')
    throw new UnsupportedHashKindError(String(resource.kind));
  const bytes = new TextEncoder().encode(nameHashInput(resource));
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  return encodeHashSuffix(hex);
}
