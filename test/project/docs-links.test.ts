import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

/** README.md, CONTRIBUTING.md and docs/*.md: what a newcomer reads in a clone. */
const DOCUMENTS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The link targets of a Markdown text: inline links and images, reference definitions, HTML href/src. Code is not prose. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const patterns = [
    /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm,
    /\b(?:href|src)\s*=\s*["']([^"']+)["']/g,
  ];
  return patterns.flatMap((pattern) => [...prose.matchAll(pattern)].map((m) => m[1] as string));
}

/** Why a link does not work in a clone, or undefined when it does (other sites and in-page anchors are not checked). */
function brokenLink(document: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//'))
    return undefined;
  const path = decodeURIComponent(target.replace(/[#?].*$/, ''));
  if (isAbsolute(path)) return `${target}: an absolute path, not in a clone`;
  const file = resolve(ROOT, dirname(document), path);
  const inside = relative(ROOT, file);
  if (inside.startsWith('..') || isAbsolute(inside)) return `${target}: outside the repository`;
  if (!existsSync(file)) return `${target}: no such file in the repository`;
  return undefined;
}

describe('links in README.md and docs/', () => {
  it('finds the links of every kind it checks, and none in code', () => {
    const text =
      '[a](docs/x.md) ![i](img/p.png "t") <a href="../y.md">y</a>\n[ref]: ../shared/z.md\n' +
      '`[no](../code.md)`\n```md\n[no](../fenced.md)\n```\n';
    expect(linkTargets(text)).toEqual(['docs/x.md', 'img/p.png', '../shared/z.md', '../y.md']);
  });

  it('tells a link outside the repository and a missing file from a good one', () => {
    expect(brokenLink('README.md', '../shared/ARCHITECTURE.md')).toMatch(/outside the repository/);
    expect(brokenLink('docs/a.md', '../../x.md')).toMatch(/outside the repository/);
    expect(brokenLink('README.md', 'docs/not-here.md')).toMatch(/no such file/);
    expect(brokenLink('README.md', '/etc/passwd')).toMatch(/absolute path/);
    expect(brokenLink('README.md', 'action.yml#L3')).toBeUndefined();
    expect(brokenLink('docs/kustomize-behaviour.md', '../README.md')).toBeUndefined();
    expect(brokenLink('README.md', 'https://example.com/x')).toBeUndefined();
    expect(brokenLink('README.md', '#status')).toBeUndefined();
  });

  it.each(DOCUMENTS)('%s links only to files in the repository', (document) => {
    const text = readFileSync(join(ROOT, document), 'utf8');
    const broken = linkTargets(text).flatMap((target) => brokenLink(document, target) ?? []);
    expect(broken).toEqual([]);
  });

  it.each(DOCUMENTS)('%s does not send the reader to ../shared, which is not in a clone', (document) => {
    const text = readFileSync(join(ROOT, document), 'utf8');
    expect(text).not.toMatch(/\(see `?\.\.\/shared\/|\]\(\.\.\/shared\//);
  });
});

describe("the README's first screen", () => {
  const firstScreen = readFileSync('README.md', 'utf8').split('\n## ')[0] ?? '';

  it('runs the main job on examples/ with one command and the tests with another, and names the schema folder variable', () => {
    expect(firstScreen).toContain('npm ci && npx kubeproof check examples\n');
    expect(firstScreen).toContain('```sh\nnpm test\n```');
    expect(firstScreen).toContain('`KUBEPROOF_TEST_SCHEMAS`');
  });
});
