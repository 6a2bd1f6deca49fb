/**
 * Packs blocks into comment bodies of at most `maxLength` characters. A block is a unit that must
 * stay whole to render (a table, a `<details>` section, a fenced diff): the packer splits only
 * between blocks, or splits a block between its parts by closing it and opening it again in the
 * next body, so every body has balanced fences and tags.
 */

/** A line or paragraph of a block; `short` is a cut-down variant when `text` is too long for a body. */
export interface Part {
  text: string;
  short?: string;
}

/** `open` + `\n` + each part joined by `\n` + `close`; `reopen` starts a continued part. */
export interface Block {
  open: string;
  reopen: string;
  close: string;
  parts: Part[];
}

/** Blocks are separated by a blank line. */
export const BLOCK_SEPARATOR = '\n\n';

/** Stands in for a part too long for any body. */
export const OMITTED_PART = '- … one entry is too long for a comment: see the full report';

/** The text of a whole block. */
export function blockText(block: Block): string {
  return block.open + block.parts.map((part) => `\n${part.text}`).join('') + block.close;
}

export interface FittedBlocks {
  /** Blocks whose parts are chosen variants; each part fits an otherwise empty continuation body. */
  blocks: { open: string; reopen: string; close: string; parts: string[] }[];
  /** Parts that were cut down, and parts replaced by `OMITTED_PART`. */
  shortened: number;
  omitted: number;
}

/**
 * Chooses each part's variant so that it fits a continuation body (`budget` characters after its
 * heading) inside its reopened block: the full text, else the short one, else `OMITTED_PART`.
 */
export function fitParts(blocks: Block[], budget: number): FittedBlocks {
  let shortened = 0;
  let omitted = 0;
  const fitted = blocks.map((block) => {
    const room = budget - block.reopen.length - block.close.length - 1;
    const parts = block.parts.map((part) => {
      if (part.text.length <= room) return part.text;
      if (part.short !== undefined && part.short.length <= room) {
        shortened += 1;
        return part.short;
      }
      omitted += 1;
      return OMITTED_PART;
    });
    return { open: block.open, reopen: block.reopen, close: block.close, parts };
  });
  return { blocks: fitted, shortened, omitted };
}

/**
 * Greedy packing: a block goes whole into the current body when it fits, whole into a new body when
 * it fits there, and otherwise is split across bodies between parts. Returns the blocks' texts per
 * body; the caller adds the headings, whose lengths are `firstHead` and at most `nextHead`.
 */
export function packBlocks(
  blocks: FittedBlocks['blocks'],
  maxLength: number,
  firstHead: number,
  nextHead: number,
): string[][] {
  const bodies: string[][] = [[]];
  let used = firstHead;
  const room = (): number => maxLength - used - BLOCK_SEPARATOR.length;
  const push = (text: string): void => {
    bodies[bodies.length - 1]?.push(text);
    used += BLOCK_SEPARATOR.length + text.length;
  };
  const newBody = (): void => {
    bodies.push([]);
    used = nextHead;
  };
  const isEmpty = (): boolean => bodies[bodies.length - 1]?.length === 0;
  for (const block of blocks) {
    const whole = block.open + block.parts.map((part) => `\n${part}`).join('') + block.close;
    if (whole.length <= room()) {
      push(whole);
      continue;
    }
    // Whole into the next body, unless this one is still empty: then body 1 would lose its table.
    const fitsNext = whole.length <= maxLength - nextHead - BLOCK_SEPARATOR.length;
    if (block.parts.length === 0 || (fitsNext && !isEmpty())) {
      if (!isEmpty()) newBody();
      push(whole);
      continue;
    }
    let open = block.open;
    let index = 0;
    while (index < block.parts.length) {
      let chunk = open;
      const start = index;
      for (const part of block.parts.slice(index)) {
        if (chunk.length + 1 + part.length + block.close.length > room()) break;
        chunk += `\n${part}`;
        index += 1;
      }
      if (index === start) {
        if (isEmpty() && bodies.length > 1) throw new Error('internal: a fitted part does not fit a body');
        // Body 1's heading (status line, notice) is longer than a continuation's: a part fitted to
        // a continuation body may not fit what is left of body 1, even empty. It goes on in body 2.
        newBody();
        continue;
      }
      push(chunk + block.close);
      if (index < block.parts.length) {
        newBody();
        open = block.reopen;
      }
    }
  }
  return bodies;
}
