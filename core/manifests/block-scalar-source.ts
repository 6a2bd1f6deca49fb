/**
 * YAML written inside a literal block scalar of another file (`patches: - patch: |`), as a source
 * of its own, with the way back from its offsets to the outer file's. Each line of the block's
 * value is a line of the file, past the block's indentation; a block where that is not so
 * (tabs, a folded `>` block) is not offered.
 */
import type { Scalar } from 'yaml';
import { parseYamlSource, positionOf, type YamlSource } from './yaml-source.ts';

export interface BlockSource {
  inner: YamlSource;
  /** The outer offset of an inner one, undefined past the block's lines. */
  outerOffset(offset: number): number | undefined;
}

/** The YAML inside a literal block scalar node of `outer`, or undefined when its lines cannot be mapped. */
export function blockScalarSource(outer: YamlSource, node: Scalar): BlockSource | undefined {
  if (node.type !== 'BLOCK_LITERAL' || !node.range || typeof node.value !== 'string') return undefined;
  const value = node.value;
  const header = positionOf(outer, node.range[0]).line;
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let indent: number | undefined;
  const starts: number[] = [];
  for (const [k, line] of lines.entries()) {
    const outerStart = outer.lineStarts[header + k];
    if (outerStart === undefined) return undefined;
    const next = outer.text.indexOf('\n', outerStart);
    const outerLine = outer.text.slice(outerStart, next === -1 ? undefined : next).replace(/\r$/, '');
    if (line !== '' && indent === undefined) indent = outerLine.length - line.length;
    if (
      line !== '' &&
      (indent === undefined || outerLine.slice(indent) !== line || !/^ *$/.test(outerLine.slice(0, indent)))
    )
      return undefined;
    starts.push(outerStart);
  }
  if (indent === undefined) return undefined;
  const inner = parseYamlSource(value);
  const shift = indent;
  return {
    inner,
    outerOffset(offset) {
      const { line, column } = positionOf(inner, offset);
      const start = starts[line - 1];
      return start === undefined ? undefined : start + shift + column - 1;
    },
  };
}
