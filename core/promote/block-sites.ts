/**
 * The image sites of YAML written inside a literal block scalar of another file (a kustomization's
 * `patches: - patch: |`, an Argo CD Application's `helm.values: |`), their lines, offsets and
 * edits mapped back into the outer file (block-scalar-source.ts). Verification re-parses the block
 * and checks the intended values inside it (scalar-edit.ts `ValueChange.inner`).
 */
import type { Scalar } from 'yaml';
import { blockScalarSource } from '../manifests/block-scalar-source.ts';
import { positionOf, type YamlSource } from '../manifests/yaml-source.ts';
import type { ImageSite, SitesResult } from './image-site.ts';

export interface Block {
  source: YamlSource;
  node: Scalar;
  /** The block's document in the outer file and its path there. */
  document: number;
  path: (string | number)[];
}

/**
 * The sites `find` finds in the block's YAML, as sites of the outer file; undefined when the
 * block is not a literal block (`|`) whose lines can be mapped back.
 */
export function blockSites(block: Block, find: (inner: YamlSource) => SitesResult): SitesResult | undefined {
  const { source, node } = block;
  const mapped = blockScalarSource(source, node);
  if (!mapped || mapped.inner.problems.length > 0) return undefined;
  const found = find(mapped.inner);
  const headerLine = node.range ? positionOf(source, node.range[0]).line : 1;
  const out: SitesResult = { sites: [], problems: [] };
  for (const problem of found.problems) out.problems.push({ ...problem, line: headerLine + problem.line });
  for (const site of found.sites) {
    const outer = mapped.outerOffset(site.offset);
    const mappedSite: ImageSite = {
      ...site,
      line: outer === undefined ? headerLine : positionOf(source, outer).line,
      offset: outer ?? site.offset,
      field: `${block.path.join('.')}: ${site.field}`,
      plan(next) {
        const plan = site.plan(next);
        if (!plan.ok || plan.edits.length === 0) return plan;
        const edits = [];
        for (const edit of plan.edits) {
          const start = mapped.outerOffset(edit.start);
          if (start === undefined) return { ok: false, reason: `internal: block offset ${edit.start}` };
          edits.push({ ...edit, start, end: start + edit.oldText.length });
        }
        return {
          ok: true,
          edits,
          changes: [
            {
              document: block.document,
              path: block.path,
              inner: { edits: plan.edits, changes: plan.changes },
            },
          ],
        };
      },
    };
    out.sites.push(mappedSite);
  }
  return out;
}
