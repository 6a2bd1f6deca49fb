/** The edit that writes a new string into one scalar of a YAML source, as a site plan. */
import { formatScalar } from '../manifests/scalar-edit.ts';
import type { ScalarSpot, YamlSource } from '../manifests/yaml-source.ts';
import type { SitePlan } from './image-site.ts';

/** Where a scalar sits: its spot, its document (0-based) and its path in the document. */
export interface ScalarPlace {
  spot: ScalarSpot;
  document: number;
  path: (string | number)[];
}

/** Plans `place` = `value` (no edit when it says so already). */
export function editScalar(source: YamlSource, place: ScalarPlace, value: string): SitePlan {
  const { spot } = place;
  if (spot.value === value) return { ok: true, edits: [], changes: [] };
  const oldText = source.text.slice(spot.start, spot.end);
  if (/[\r\n]/.test(oldText.trimEnd()))
    return { ok: false, reason: `the value at line ${spot.line} spans several lines; edit it by hand` };
  const formatted = formatScalar(value, spot);
  if (!formatted.ok) return formatted;
  // Plain text includes no trailing blanks, but the range may: keep them.
  const trimmed = spot.style === 'plain' ? oldText.trimEnd() : oldText;
  if (trimmed === formatted.text) return { ok: true, edits: [], changes: [] };
  return {
    ok: true,
    edits: [
      { start: spot.start, end: spot.start + trimmed.length, oldText: trimmed, newText: formatted.text },
    ],
    changes: [{ document: place.document, path: place.path, value }],
  };
}

/** Two plans as one (both must succeed). */
export function combinePlans(...plans: SitePlan[]): SitePlan {
  const out: SitePlan = { ok: true, edits: [], changes: [] };
  for (const plan of plans) {
    if (!plan.ok) return plan;
    out.edits.push(...plan.edits);
    out.changes.push(...plan.changes);
  }
  return out;
}
