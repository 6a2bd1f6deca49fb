/**
 * How deeply mappings and sequences may nest in one document. Every reader and walker of a
 * manifest (parsers, emitters, diff, schema validation) recurses once per level, so a document of
 * 10,000 `[` would overflow the stack. Real manifests, CRD schemas included, stay under about 100
 * levels. Go's YAML and JSON readers stop at 10,000 (go-yaml `max_flow_level`, encoding/json);
 * kubeproof stops earlier, where every walk it makes still has stack to spare.
 * https://github.com/go-yaml/yaml/blob/v2.4.0/scannerc.go (max_flow_level, max_indents)
 */
export const MAX_NESTING_DEPTH = 512;

/** The problem a document nested deeper than the limit gets: what happened and what to do. */
export function tooDeepMessage(): string {
  return `mappings and lists nest deeper than ${MAX_NESTING_DEPTH} levels, kubeproof's limit; no manifest needs that many, flatten the document`;
}
