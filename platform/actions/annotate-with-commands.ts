import type { CheckAnnotation } from '../../core/report/check-run-output.ts';
import type { ActionsIo, AnnotationProperties } from './actions-io.ts';

/**
 * "GitHub displays up to 10 warning annotations and 10 error annotations per step" (and 50 per job):
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions#setting-an-error-message
 * Every annotation is still written to the log; past the limit the log says so.
 */
export const SHOWN_PER_STEP = 10;

/**
 * The check run's annotations as workflow commands (`::error file=…,line=…::`), for runs that
 * cannot create a check run (no token, no `checks: write`, not a pull request).
 */
export function annotateWithCommands(
  annotations: readonly CheckAnnotation[],
  io: Pick<ActionsIo, 'error' | 'warning' | 'notice' | 'info'>,
): void {
  let errors = 0;
  let warnings = 0;
  for (const annotation of annotations) {
    const properties: AnnotationProperties = {
      file: annotation.path,
      startLine: annotation.startLine,
      endLine: annotation.endLine,
      ...(annotation.title === undefined ? {} : { title: `kubeproof ${annotation.title}` }),
      ...(annotation.startColumn === undefined || annotation.startLine !== annotation.endLine
        ? {}
        : { startColumn: annotation.startColumn }),
    };
    if (annotation.level === 'failure') {
      errors++;
      io.error(annotation.message, properties);
    } else if (annotation.level === 'warning') {
      warnings++;
      io.warning(annotation.message, properties);
    } else io.notice(annotation.message, properties);
  }
  if (errors > SHOWN_PER_STEP || warnings > SHOWN_PER_STEP) {
    io.info(
      `kubeproof: GitHub shows ${SHOWN_PER_STEP} error and ${SHOWN_PER_STEP} warning annotations per step: ` +
        `all ${errors + warnings} are in this log and in the job summary`,
    );
  }
}
