import type { ValidationResult } from '../../validate/result.ts';

/** kubeconform's output counters: resources exclude empty documents, files are distinct paths. */
export interface ResultCounts {
  resources: number;
  files: number;
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
}

/**
 * Counts results the way kubeconform's outputs do (notes §3.1): every result written registers its
 * path, empty ones included, and `resources` is valid + invalid + errors + skipped.
 */
export function countResults(results: readonly ValidationResult[]): ResultCounts {
  const counts: ResultCounts = { resources: 0, files: 0, valid: 0, invalid: 0, errors: 0, skipped: 0 };
  const paths = new Set<string>();
  for (const result of results) {
    paths.add(result.filename);
    if (result.status === 'valid') counts.valid += 1;
    else if (result.status === 'invalid') counts.invalid += 1;
    else if (result.status === 'error') counts.errors += 1;
    else if (result.status === 'skipped') counts.skipped += 1;
  }
  counts.files = paths.size;
  counts.resources = counts.valid + counts.invalid + counts.errors + counts.skipped;
  return counts;
}
