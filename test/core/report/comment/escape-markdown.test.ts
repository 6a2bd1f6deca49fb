import { describe, expect, it } from 'vitest';
import {
  codeFence,
  codeSpan,
  escapeHtml,
  escapeMarkdown,
  shorten,
  singleLine,
} from '../../../../core/report/comment/escape-markdown.ts';

describe('escapeMarkdown', () => {
  it.each([
    ['plain text', 'web-config', 'web-config'],
    ['backticks', 'a `b`', 'a \\`b\\`'],
    ['HTML', '<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)\\>'],
    ['a closing details tag', '</details>', '\\</details\\>'],
    ['an entity', '&lt;', '\\&lt;'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['emphasis and strikethrough', '**x** _y_ ~~z~~', '\\*\\*x\\*\\* \\_y\\_ \\~\\~z\\~\\~'],
    ['a link and an image', '![a](b) [c](d)', '\\!\\[a\\](b) \\[c\\](d)'],
    ['math', '$x$', '\\$x\\$'],
    ['a heading mark', '# title', '\\# title'],
    ['a backslash', 'a\\b', 'a\\\\b'],
    ['newlines and controls', 'a\n\nb\r\tc\u001b[31m', 'a b c \\[31m'],
  ])('escapes %s', (_, input, expected) => {
    // Act
    const escaped = escapeMarkdown(input);

    // Assert
    expect(escaped).toBe(expected);
  });
});

describe('escapeHtml', () => {
  it('writes entities, not backslashes, and keeps markdown characters as they are', () => {
    // Act
    const escaped = escapeHtml('pr<b>od</b> & "x" | `y` *z*\n\nnext');

    // Assert
    expect(escaped).toBe('pr&lt;b&gt;od&lt;/b&gt; &amp; &quot;x&quot; | `y` *z* next');
  });
});

describe('codeSpan', () => {
  it.each([
    ['plain text', 'Deployment prod/web', '`Deployment prod/web`'],
    ['one backtick inside', 'we`b', '``we`b``'],
    ['a run of backticks inside', 'a ``` b', '````a ``` b````'],
    ['a leading backtick', '`a', '`` `a ``'],
    ['a trailing backtick', 'a`', '`` a` ``'],
    ['spaces on both sides', ' b ', '`  b  `'],
    ['only spaces', '  ', '`  `'],
    ['nothing', '', '` `'],
    ['HTML, kept literal inside code', '</details><b>', '`</details><b>`'],
    ['a newline', 'a\nb', '`a b`'],
  ])('wraps %s', (_, input, expected) => {
    // Act
    const span = codeSpan(input);

    // Assert
    expect(span).toBe(expected);
  });
});

describe('codeFence', () => {
  it('uses three backticks when the content has fewer in a row', () => {
    // Act
    const fence = codeFence('-a: `x`\n+a: ``y``\n', 'diff');

    // Assert
    expect(fence).toBe('```diff\n-a: `x`\n+a: ``y``\n```');
  });

  it('uses a fence longer than any backtick run inside, so no content line can close it', () => {
    // Arrange
    const content = '```\n</details>\n+x: "`````"';

    // Act
    const fence = codeFence(content, 'diff');

    // Assert
    expect(fence).toBe('``````diff\n```\n</details>\n+x: "`````"\n``````');
  });

  it('normalizes line endings and replaces controls other than tab', () => {
    // Act
    const fence = codeFence('a\r\nb\rc\td\u001b[0m\u0000');

    // Assert
    expect(fence).toBe('```\na\nb\nc\td\ufffd[0m\ufffd\n```');
  });
});

describe('shorten and singleLine', () => {
  it('keeps short text and cuts long text with an ellipsis, never halving a surrogate pair', () => {
    // Assert
    expect(shorten('abc', 3)).toBe('abc');
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('ab😀cd', 4)).toBe('ab…');
  });

  it('puts text on one line', () => {
    // Assert
    expect(singleLine('a\u2028b\r\nc')).toBe('a b c');
  });
});
