import type { ResourceDiff } from '../../diff/types.ts';

/** Lines added and removed in resources' unified diffs (the `# Kind ns/name` titles not counted). */
export interface LineCounts {
  added: number;
  removed: number;
}

export function lineCounts(resources: readonly ResourceDiff[]): LineCounts {
  const counts = { added: 0, removed: 0 };
  for (const resource of resources)
    for (const line of resource.unifiedDiff.split('\n').slice(1)) {
      if (line.startsWith('+')) counts.added += 1;
      else if (line.startsWith('-')) counts.removed += 1;
    }
  return counts;
}

/** `+12 −3`, with a real minus sign, as a reviewer reads it next to a diff. */
export function lineCountText(counts: LineCounts): string {
  return `+${counts.added} −${counts.removed}`;
}
