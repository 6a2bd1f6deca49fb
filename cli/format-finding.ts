import { join, relative, sep } from 'node:path';
import type { Finding } from '../core/findings.ts';

/**
 * One finding as a line on stderr: `path:line:column: severity: message [rule]`, the path
 * relative to the current directory (findings carry repository-relative paths; `root` is the
 * repository's folder).
 */
export function formatFinding(finding: Finding, root: string, cwd: string): string {
  const path = relative(cwd, join(root, finding.path)).split(sep).join('/') || '.';
  const at =
    finding.line === undefined
      ? path
      : `${path}:${finding.line}${finding.column === undefined ? '' : `:${finding.column}`}`;
  return `${at}: ${finding.severity}: ${finding.message} [${finding.ruleId}]\n`;
}
