import type { ValidationResult } from '../../validate/result.ts';
import { countResults } from './count-results.ts';
import { escapeXmlAttribute, formatGoFloat } from './go-xml.ts';
import type { ValidateReportInput } from './report-input.ts';

interface Suite {
  name: string;
  id: number;
  cases: ValidationResult[];
}

function attributes(pairs: readonly (readonly [string, string | number])[]): string {
  return pairs.map(([key, value]) => ` ${key}="${escapeXmlAttribute(String(value))}"`).join('');
}

/** One `<testcase>`, indented as xml.MarshalIndent does, with its one child for a non-valid result. */
function testCase(result: ValidationResult): string {
  const name = result.namespace ? `${result.namespace}/${result.name ?? ''}` : (result.name ?? '');
  const open = `    <testcase${attributes([
    ['name', name],
    ['classname', `${result.kind ?? ''}@${result.apiVersion ?? ''}`],
    ['time', 0],
  ])}>`;
  const message = result.message ?? '';
  if (result.status === 'skipped') return `${open}\n      <skipped message=""></skipped>\n    </testcase>`;
  if (result.status === 'error')
    return `${open}\n      <error${attributes([
      ['message', message],
      ['type', ''],
    ])}></error>\n    </testcase>`;
  if (result.status === 'invalid')
    return `${open}\n      <failure${attributes([
      ['message', message],
      ['type', ''],
    ])}></failure>\n    </testcase>`;
  return `${open}</testcase>`;
}

function testSuite(suite: Suite): string {
  const count = (status: ValidationResult['status']): number =>
    suite.cases.filter((c) => c.status === status).length;
  const open = `  <testsuite${attributes([
    ['name', suite.name],
    ['id', suite.id],
    ['tests', suite.cases.length],
    ['failures', count('invalid')],
    ['errors', count('error')],
    ['disabled', 0],
    ['skipped', count('skipped')],
  ])}>`;
  if (suite.cases.length === 0) return `${open}</testsuite>`;
  return `${open}\n${suite.cases.map(testCase).join('\n')}\n  </testsuite>`;
}

/**
 * kubeconform v0.7.0's `junit` output (`pkg/output/junit.go`): Go's `xml.MarshalIndent` layout with
 * no `<?xml?>` header and no self-closing tags, one `<testsuite>` per file in order of first
 * appearance (a file of empty documents gets an empty suite), and no test case for empty
 * documents. -summary and -verbose change nothing; warnings and run-level notices are not
 * printed (the CLI writes notices to stderr).
 */
export function renderJunit(input: ValidateReportInput): string {
  const suites = new Map<string, Suite>();
  for (const result of input.results) {
    let suite = suites.get(result.filename);
    if (!suite) {
      suite = { name: result.filename, id: suites.size + 1, cases: [] };
      suites.set(result.filename, suite);
    }
    if (result.status !== 'empty') suite.cases.push(result);
  }
  const c = countResults(input.results);
  const open = `<testsuites${attributes([
    ['name', 'kubeconform'],
    ['time', formatGoFloat(input.elapsedSeconds)],
    ['tests', c.resources],
    ['failures', c.invalid],
    ['disabled', c.skipped],
    ['errors', c.errors],
  ])}>`;
  if (suites.size === 0) return `${open}</testsuites>\n`;
  return `${open}\n${[...suites.values()].map(testSuite).join('\n')}\n</testsuites>\n`;
}
