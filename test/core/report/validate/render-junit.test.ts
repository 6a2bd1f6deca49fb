import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, formatGoFloat } from '../../../../core/report/validate/go-xml.ts';
import { renderJunit } from '../../../../core/report/validate/render-junit.ts';
import {
  empty,
  invalid,
  listItems,
  missingKind,
  rejected,
  reportInput,
  result,
  skipped,
  valid,
} from './fixtures.ts';

function attributesOf(xml: string, element: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${element} ([^>]*)>`, 'g'))].map((m) =>
    Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1] ?? '', a[2] ?? ''])),
  );
}

describe('renderJunit', () => {
  it("prints kubeconform's junit_test output for one valid resource", () => {
    // Arrange
    const given = result({
      filename: 'deployment.yml',
      status: 'valid',
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'my-app',
    });
    const input = reportInput([given], { elapsedSeconds: 0.5 });

    // Act
    const out = renderJunit(input);

    // Assert
    expect(out).toBe(
      [
        '<testsuites name="kubeconform" time="0.5" tests="1" failures="0" disabled="0" errors="0">',
        '  <testsuite name="deployment.yml" id="1" tests="1" failures="0" errors="0" disabled="0" skipped="0">',
        '    <testcase name="my-app" classname="Deployment@apps/v1" time="0"></testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('prints an empty run on one line, without an XML header', () => {
    // Act
    const out = renderJunit(reportInput([], { elapsedSeconds: 1.5e-5 }));

    // Assert
    expect(out).toBe(
      '<testsuites name="kubeconform" time="1.5e-05" tests="0" failures="0" disabled="0" errors="0"></testsuites>\n',
    );
  });

  it('prints one suite per file in order of first appearance, with the child element of each status', () => {
    // Arrange
    const input = reportInput([invalid, empty, valid, rejected, skipped, missingKind], {
      elapsedSeconds: 2,
      summary: true,
      verbose: true,
    });

    // Act
    const out = renderJunit(input);

    // Assert
    expect(out).toMatchInlineSnapshot(`
      "<testsuites name="kubeconform" time="2" tests="5" failures="1" disabled="1" errors="2">
        <testsuite name="fixtures/invalid.yaml" id="1" tests="1" failures="1" errors="0" disabled="0" skipped="0">
          <testcase name="bob" classname="ReplicationController@v1" time="0">
            <failure message="problem validating schema. Check JSON formatting: jsonschema validation failed with &#39;https://raw.githubusercontent.com/yannh/kubernetes-json-schema/master/master-standalone/replicationcontroller-v1.json#&#39; - at &#39;/spec/replicas&#39;: got string, want null or integer" type=""></failure>
          </testcase>
        </testsuite>
        <testsuite name="fixtures/empty.yaml" id="2" tests="0" failures="0" errors="0" disabled="0" skipped="0"></testsuite>
        <testsuite name="fixtures/valid.yaml" id="3" tests="3" failures="0" errors="1" disabled="0" skipped="1">
          <testcase name="bob" classname="ReplicationController@v1" time="0"></testcase>
          <testcase name="bob" classname="ReplicationController@v1" time="0">
            <error message="prohibited resource kind ReplicationController" type=""></error>
          </testcase>
          <testcase name="bob" classname="ReplicationController@v1" time="0">
            <skipped message=""></skipped>
          </testcase>
        </testsuite>
        <testsuite name="fixtures/missing_kind.yaml" id="4" tests="1" failures="0" errors="1" disabled="0" skipped="0">
          <testcase name="" classname="@" time="0">
            <error message="error while parsing: missing &#39;kind&#39; key" type=""></error>
          </testcase>
        </testsuite>
      </testsuites>
      "
    `);
  });

  it('keeps the counts consistent: totals are the sums of the suites, empty documents excluded', () => {
    // Arrange
    const input = reportInput([...listItems, valid, skipped, rejected, empty, invalid]);

    // Act
    const out = renderJunit(input);
    const [root] = attributesOf(out, 'testsuites');
    const suites = attributesOf(out, 'testsuite');
    const sum = (key: string): number => suites.reduce((total, s) => total + Number(s[key]), 0);

    // Assert
    expect(root).toMatchObject({ tests: '7', failures: '2', errors: '1', disabled: '1' });
    expect(suites.map((s) => s['name'])).toEqual([
      'list.yaml',
      'fixtures/valid.yaml',
      'fixtures/empty.yaml',
      'fixtures/invalid.yaml',
    ]);
    expect(suites.map((s) => s['id'])).toEqual(['1', '2', '3', '4']);
    expect([sum('tests'), sum('failures'), sum('errors'), sum('skipped')]).toEqual([7, 2, 1, 1]);
    expect(suites.every((s) => s['disabled'] === '0')).toBe(true);
    expect(attributesOf(out, 'testcase')).toHaveLength(7);
  });

  it('names a namespaced test case namespace/name', () => {
    // Act
    const out = renderJunit(reportInput([listItems[0]!]));

    // Assert
    expect(attributesOf(out, 'testcase')[0]).toEqual({ name: 'ns/a', classname: 'ConfigMap@v1', time: '0' });
  });

  it("escapes attribute text as Go's encoding/xml does", () => {
    // Arrange
    const given = result({
      filename: 'a&b.yaml',
      status: 'error',
      kind: 'K',
      name: 'n<1>',
      message: 'say "hi" & \'bye\'\n\tend\r',
    });

    // Act
    const out = renderJunit(reportInput([given]));

    // Assert
    expect(out).toContain('<testsuite name="a&amp;b.yaml" id="1"');
    expect(out).toContain('<testcase name="n&lt;1&gt;" classname="K@" time="0">');
    expect(out).toContain(
      '<error message="say &#34;hi&#34; &amp; &#39;bye&#39;&#xA;&#x9;end&#xD;" type=""></error>',
    );
  });
});

describe('escapeXmlAttribute', () => {
  it.each([
    ['plain', 'plain'],
    ['<>&"\'', '&lt;&gt;&amp;&#34;&#39;'],
    ['a\u0001b\u001fc', 'a\uFFFDb\uFFFDc'],
    ['lone \uDC00 surrogate', 'lone \uFFFD surrogate'],
    ['pair 😀 kept, é kept', 'pair 😀 kept, é kept'],
  ])('escapes %j', (text, expected) => {
    // Act
    const out = escapeXmlAttribute(text);

    // Assert
    expect(out).toBe(expected);
  });
});

describe('formatGoFloat', () => {
  it.each([
    [0, '0'],
    [2, '2'],
    [0.0123, '0.0123'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-5, '1.5e-05'],
    [123456.7, '123456.7'],
    [1234567, '1.234567e+06'],
    [1e21, '1e+21'],
    [1.25e-100, '1.25e-100'],
  ])('prints %d as %s', (value, expected) => {
    // Act
    const out = formatGoFloat(value);

    // Assert
    expect(out).toBe(expected);
  });
});
