import { describe, expect, it } from 'vitest';
import { detailsBalanced, fencesBalanced, foreignHtml } from './markdown-checks.ts';

// The property tests trust these checks, so they are tested on their own.
describe('markdown checks', () => {
  it.each([
    ['a closed fence', '```diff\n-a\n```', true],
    ['a longer fence around a shorter one', '````\n```\n````', true],
    ['a fence closed by a longer one and a stray opener', '```diff\n```\n````', false],
    ['an unclosed fence', '```\n````', false],
  ])('fencesBalanced: %s', (_, body, expected) => {
    // Assert
    expect(fencesBalanced(body)).toBe(expected);
  });

  it.each([
    ['one block', '<details><summary>x</summary>\n\n- a\n\n</details>', true],
    ['a closing tag inside a fence', '<details>\n```\n</details>\n```\n</details>', true],
    ['an unclosed block', '<details>\n- a', false],
    ['a nested block', '<details>\n<details>\n</details>\n</details>', false],
  ])('detailsBalanced: %s', (_, body, expected) => {
    // Assert
    expect(detailsBalanced(body)).toBe(expected);
  });

  it('foreignHtml finds unescaped tags outside code, and only those', () => {
    // Act
    const found = foreignHtml('a <img> `<b>` \\<c> \\\\<d> ``x`<e>`` <details>\n```\n<f>\n```');

    // Assert
    expect(found.map((tag) => tag.slice(0, 3))).toEqual(['<im', '<d>']);
  });
});
