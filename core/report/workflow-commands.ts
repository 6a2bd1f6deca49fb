import type { CheckAnnotation } from './check-run-output.ts';

/*
 * GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` on standard output
 * becomes an annotation on the file and line.
 * https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
 * Escaping as @actions/core does it (escapeData / escapeProperty):
 * https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
 */

/** The message of a command: `%`, CR and LF are percent-encoded so that it stays one command. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** A property value: as data, and `:` and `,` too, which would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export type CommandName = 'error' | 'warning' | 'notice';

/** `::NAME key=value,…::MESSAGE\n`, values and message escaped; numbers as they are. */
export function workflowCommand(
  name: CommandName,
  properties: readonly (readonly [string, string | number])[],
  message: string,
): string {
  const props = properties
    .map(([key, value]) => `${key}=${typeof value === 'number' ? value : escapeProperty(value)}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeData(message)}\n`;
}

/**
 * "10 warning annotations, 10 error annotations, and 10 notice annotations per step; 50 annotations
 * per job": https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations
 */
export const ANNOTATIONS_PER_STEP = 10;

const COMMAND: Record<CheckAnnotation['level'], CommandName> = {
  failure: 'error',
  warning: 'warning',
  notice: 'notice',
};
const ORDER: readonly CheckAnnotation['level'][] = ['failure', 'warning', 'notice'];

function command(annotation: CheckAnnotation): string {
  const properties: [string, string | number][] = [
    ['file', annotation.path],
    ['line', annotation.startLine],
  ];
  if (annotation.endLine !== annotation.startLine) properties.push(['endLine', annotation.endLine]);
  // Columns only on a single line, as for check runs.
  else if (annotation.startColumn !== undefined) {
    properties.push(['col', annotation.startColumn]);
    if (annotation.endColumn !== undefined) properties.push(['endColumn', annotation.endColumn]);
  }
  properties.push(['title', annotation.title === undefined ? 'kubeproof' : `kubeproof ${annotation.title}`]);
  return workflowCommand(COMMAND[annotation.level], properties, annotation.message);
}

/**
 * The check run's annotations as workflow commands, the fallback when the token cannot create a
 * check run: errors first, then warnings, then notices. GitHub shows only the first 10 of each
 * kind per step; when there are more, a notice printed first (so it is shown) says how many and
 * where the full list is.
 */
export function workflowCommands(annotations: readonly CheckAnnotation[], where = 'the job summary'): string {
  const sorted = ORDER.flatMap((level) => annotations.filter((annotation) => annotation.level === level));
  const hidden = ORDER.map((level) => ({
    level,
    over: sorted.filter((annotation) => annotation.level === level).length - ANNOTATIONS_PER_STEP,
  })).filter(({ over }) => over > 0);
  let out = '';
  if (hidden.length > 0) {
    const counts = hidden
      .map(({ level, over }) => `${over} more ${COMMAND[level]}${over === 1 ? '' : 's'}`)
      .join(', ');
    out += workflowCommand(
      'notice',
      [['title', 'kubeproof']],
      `GitHub shows ${ANNOTATIONS_PER_STEP} annotations of each kind per step: ${counts} are not shown ` +
        `as annotations. All ${annotations.length} are in ${where} and in this log.`,
    );
  }
  for (const annotation of sorted) out += command(annotation);
  return out;
}
