import { describe, expect, it } from 'vitest';
import type { CheckAnnotation } from '../../../core/report/check-run-output.ts';
import {
  escapeData,
  escapeProperty,
  workflowCommand,
  workflowCommands,
} from '../../../core/report/workflow-commands.ts';

function annotation(
  level: CheckAnnotation['level'],
  line: number,
  extra: Partial<CheckAnnotation> = {},
): CheckAnnotation {
  return {
    path: 'envs/prod/app.yaml',
    startLine: line,
    endLine: line,
    level,
    message: `m${line}`,
    title: 'schema',
    ...extra,
  };
}

describe('escaping', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['a:b', 'a:b', 'a%3Ab'],
    ['a,b', 'a,b', 'a%2Cb'],
    ['%0A', '%250A', '%250A'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
  ])('%j is %j as data and %j as a property', (text, data, property) => {
    expect(escapeData(text)).toBe(data);
    expect(escapeProperty(text)).toBe(property);
  });
});

describe('workflowCommand', () => {
  it('escapes values and message, and writes numbers as they are', () => {
    expect(
      workflowCommand(
        'warning',
        [
          ['file', 'a,b:c.yaml'],
          ['line', 3],
        ],
        'two\nlines: 50%',
      ),
    ).toBe('::warning file=a%2Cb%3Ac.yaml,line=3::two%0Alines: 50%25\n');
  });

  it('writes a command without properties', () => {
    expect(workflowCommand('notice', [], 'hi')).toBe('::notice::hi\n');
  });
});

describe('workflowCommands', () => {
  it('writes each annotation with its place and title, columns on single lines only', () => {
    // Arrange
    const untitled: CheckAnnotation = annotation('notice', 1);
    delete untitled.title;
    const annotations = [
      annotation('warning', 2, { startColumn: 5, endColumn: 5 }),
      annotation('failure', 7, { endLine: 9, startColumn: 1 }),
      untitled,
    ];

    // Act
    const out = workflowCommands(annotations);

    // Assert
    expect(out).toBe(
      [
        '::error file=envs/prod/app.yaml,line=7,endLine=9,title=kubeproof schema::m7',
        '::warning file=envs/prod/app.yaml,line=2,col=5,endColumn=5,title=kubeproof schema::m2',
        '::notice file=envs/prod/app.yaml,line=1,title=kubeproof::m1',
        '',
      ].join('\n'),
    );
  });

  it('says first, as a notice, how many annotations GitHub will not show', () => {
    // Arrange
    const annotations = [
      ...Array.from({ length: 12 }, (_, i) => annotation('failure', i + 1)),
      ...Array.from({ length: 3 }, (_, i) => annotation('warning', i + 1)),
    ];

    // Act
    const lines = workflowCommands(annotations, 'the job summary').trimEnd().split('\n');

    // Assert
    expect(lines).toHaveLength(16);
    expect(lines[0]).toBe(
      '::notice title=kubeproof::GitHub shows 10 annotations of each kind per step: 2 more errors are not shown as annotations. All 15 are in the job summary and in this log.',
    );
  });

  it('writes nothing without annotations', () => {
    expect(workflowCommands([])).toBe('');
  });
});
