import type { ValidationResult } from '../../validate/result.ts';
import { countResults } from './count-results.ts';

/** kubeconform adds the plural `s` only above one: `0 resource`, `1 resource`, `2 resources`. */
function plural(count: number): string {
  return count > 1 ? 's' : '';
}

/**
 * kubeconform's `-summary` line for the text and pretty outputs, with its trailing newline
 * (`pkg/output/text.go`, Flush).
 */
export function summaryLine(results: readonly ValidationResult[], stdin: boolean): string {
  const c = countResults(results);
  const found = stdin ? 'parsing stdin' : `in ${c.files} file${plural(c.files)}`;
  return (
    `Summary: ${c.resources} resource${plural(c.resources)} found ${found} - ` +
    `Valid: ${c.valid}, Invalid: ${c.invalid}, Errors: ${c.errors}, Skipped: ${c.skipped}\n`
  );
}
