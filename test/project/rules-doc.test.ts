import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogRules } from '../../core/rules/rule-catalog.ts';
import { RULES_DOC_PATH, rulesDoc } from '../../scripts/rules-doc.ts';

/** GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replaceAll(' ', '-');
}

/** The source files of core/, except the catalog itself. */
function coreSources(dir = 'core'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join('core', 'rules') ? [] : coreSources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/rules.md', () => {
  it('is what npm run docs:rules writes from the rule catalog (run it after changing core/rules/)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(rulesDoc());
  });

  it('lists every rule of the catalog once', () => {
    const rows = rulesDoc()
      .split('\n')
      .flatMap((line) => /^\| `([a-z0-9-]+)` \|/.exec(line)?.[1] ?? []);

    expect(rows).toEqual(catalogRules().map((rule) => rule.id));
  });
});

describe('the rule catalog against the repository', () => {
  const readme = readFileSync('README.md', 'utf8');
  const anchors = new Set([...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1] ?? '')));

  it.each(catalogRules().flatMap((rule) => (rule.readme === undefined ? [] : [[rule.id, rule.readme]])))(
    '%s links to a section of README.md (#%s)',
    (_id, section) => {
      expect(anchors).toContain(section);
    },
  );

  it('has no rule that nothing in core/ reports', () => {
    const sources = coreSources().map((path) => readFileSync(path, 'utf8'));

    const unused = catalogRules()
      .map((rule) => rule.id)
      .filter((id) => !sources.some((text) => text.includes(`'${id}'`)));

    expect(unused).toEqual([]);
  });
});
