// Writes docs/rules.md, the table of every rule kubeproof reports, from the rule catalog
// (core/rules/). Usage: npm run docs:rules. test/project/rules-doc.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { catalogRules } from '../core/rules/rule-catalog.ts';
import type { RuleGroup } from '../core/rules/rule-entry.ts';

export const RULES_DOC_PATH = 'docs/rules.md';

/** The section of each group, in the order the page lists them. */
const GROUP_TITLES: Record<RuleGroup, string> = {
  config: 'Configuration and environments',
  render: 'Rendering',
  validate: 'Validation',
  diff: 'Diff',
  policy: 'Policy',
};

const INTRODUCTION = `# Rules

<!-- Generated from core/rules/ by \`npm run docs:rules\`: edit the catalog, not this file. -->

Every finding kubeproof reports names one of these rules: the \`ruleId\` of JSON and SARIF output, the
\`[rule]\` of text output, the start of a check-run annotation's title. The default severity is the one
SARIF declares for the rule (\`defaultConfiguration.level\`); a finding can carry another (a skipped
missing schema is a notice, for example), and its own severity decides the exit code and the check's
conclusion. Adding a rule: see [CONTRIBUTING.md](../CONTRIBUTING.md#conventions).
`;

/** A table cell: one line, with the pipes that would end the cell escaped. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** docs/rules.md as text: one section per group that has rules, one table row per rule. */
export function rulesDoc(): string {
  const rules = catalogRules();
  const sections = (Object.keys(GROUP_TITLES) as RuleGroup[]).flatMap((group) => {
    const rows = rules
      .filter((rule) => rule.group === group)
      .map((rule) => {
        const help =
          rule.readme === undefined ? rule.help : `${rule.help} [More](../README.md#${rule.readme}).`;
        return `| \`${rule.id}\` | ${rule.defaultSeverity} | ${cell(rule.description)} | ${cell(help)} |`;
      });
    if (rows.length === 0) return [];
    return [
      `## ${GROUP_TITLES[group]}\n\n| Rule | Default severity | Description | What to do |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
    ];
  });
  return [INTRODUCTION, ...sections].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(RULES_DOC_PATH, rulesDoc());
  console.log(`wrote ${RULES_DOC_PATH}`);
}
