import { describe, expect, it } from 'vitest';
import {
  OMITTED_PART,
  fitParts,
  packBlocks,
  type Block,
} from '../../../../core/report/comment/pack-bodies.ts';

function block(name: string, lines: number, width = 10): Block {
  return {
    open: `<details><summary>${name}</summary>\n`,
    reopen: `<details><summary>${name} (continued)</summary>\n`,
    close: '\n\n</details>',
    parts: Array.from({ length: lines }, (_, i) => ({ text: `- ${String(i).padStart(width - 2, '0')}` })),
  };
}

describe('fitParts', () => {
  it('keeps parts that fit, takes the short variant next, and stands in for the rest', () => {
    // Arrange
    const blocks: Block[] = [
      {
        open: 'o',
        reopen: 'r',
        close: 'c',
        parts: [
          { text: 'fits' },
          { text: 'x'.repeat(50), short: 'short' },
          { text: 'y'.repeat(50), short: 'z'.repeat(50) },
        ],
      },
    ];

    // Act
    const fitted = fitParts(blocks, 20);

    // Assert
    expect(fitted.blocks[0]?.parts).toEqual(['fits', 'short', OMITTED_PART]);
    expect([fitted.shortened, fitted.omitted]).toEqual([1, 1]);
  });
});

describe('packBlocks', () => {
  it('puts blocks that fit into one body', () => {
    // Act
    const bodies = packBlocks(fitParts([block('a', 2), block('b', 2)], 1_000).blocks, 1_000, 100, 50);

    // Assert
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toHaveLength(2);
  });

  it('moves a block that does not fit into the next body whole, rather than splitting it', () => {
    // Arrange
    const blocks = fitParts([block('a', 30), block('b', 30)], 500).blocks;

    // Act
    const bodies = packBlocks(blocks, 500, 100, 50);

    // Assert
    expect(bodies.map((texts) => texts.map((text) => text.slice(0, 20)))).toEqual([
      ['<details><summary>a<'],
      ['<details><summary>b<'],
    ]);
  });

  it('splits a block too big for any body between its lines, closing and reopening it', () => {
    // Arrange
    const blocks = fitParts([block('a', 100)], 400).blocks;

    // Act
    const bodies = packBlocks(blocks, 500, 100, 50);

    // Assert
    const texts = bodies.flat();
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const [index, text] of texts.entries()) {
      expect(
        text.startsWith(
          index === 0 ? '<details><summary>a</summary>' : '<details><summary>a (continued)</summary>',
        ),
      ).toBe(true);
      expect(text.endsWith('\n\n</details>')).toBe(true);
    }
    for (const [index, texts2] of bodies.entries()) {
      const length = (index === 0 ? 100 : 50) + texts2.reduce((sum, text) => sum + 2 + text.length, 0);
      expect(length).toBeLessThanOrEqual(500);
    }
    const lines = texts.flatMap((text) => text.split('\n').filter((line) => line.startsWith('- ')));
    expect(lines).toEqual(Array.from({ length: 100 }, (_, i) => `- ${String(i).padStart(8, '0')}`));
  });
});
