import { createRequire } from 'node:module';
import type { Ajv as AjvFull, Options } from 'ajv';
import { formats } from './formats.ts';

// ajv-draft-04 is CommonJS with an `exports.default`; require() gives the class the same way
// under Node, vitest and esbuild bundles.
const require = createRequire(import.meta.url);
const AjvDraft04 = (require('ajv-draft-04') as { default: new (options: Options) => Ajv }).default;
/** The methods kubeproof uses are common to every ajv class. */
export type Ajv = Pick<
  AjvFull,
  'compile' | 'addSchema' | 'getSchema' | 'addFormat' | 'removeSchema' | 'errorsText'
>;

/**
 * The ajv instance every schema is compiled with. kubeconform compiles with JSON Schema draft 4
 * (santhosh-tekuri/jsonschema, `DefaultDraft(Draft4)`), where `format` is an assertion for the
 * formats the library knows and is ignored for the others (`int32`, `int64`, `byte`, ...).
 *
 * - `allErrors`: report every violation of a resource, as kubeconform does.
 * - `strict: false`: the schemas carry vendor keywords (`x-kubernetes-*`) and Go-only regexes.
 * - `unicodeRegExp: false`: some CRD patterns (`^[\w.\-\_]+$`) are valid RE2 but invalid with the `u` flag
 *   (shared/k8s-schemas/README.md).
 */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new AjvDraft04({
    allErrors: true,
    strict: false,
    unicodeRegExp: false,
    validateSchema: false,
    addUsedSchema: false,
    logger: false,
    // Code optimisation passes halve nothing at validation time but double compile time on the
    // large standalone Kubernetes schemas (measured: Deployment 750 ms -> 330 ms, same throughput).
    code: { optimize: false },
    ...options,
  });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  return ajv;
}
