import { renderGithub } from './render-github.ts';
import { renderJson } from './render-json.ts';
import { renderJunit } from './render-junit.ts';
import { renderPretty } from './render-pretty.ts';
import { renderSarif } from './render-sarif.ts';
import { renderTap } from './render-tap.ts';
import { renderText } from './render-text.ts';
import type { ValidateRenderer } from './report-input.ts';

export type { ValidateRenderer, ValidateReportInput } from './report-input.ts';

/**
 * The `-output` formats of `kubeproof validate`: kubeconform's five, in the order its error message
 * names them, then kubeproof's own. Typed by `string` so that a lookup of a user-given name yields
 * `undefined` for an unknown format.
 */
export const VALIDATE_OUTPUTS: Readonly<Record<string, ValidateRenderer>> = Object.freeze({
  json: renderJson,
  junit: renderJunit,
  pretty: renderPretty,
  tap: renderTap,
  text: renderText,
  sarif: renderSarif,
  github: renderGithub,
});

/** The format names, in `VALIDATE_OUTPUTS` order. */
export const VALIDATE_OUTPUT_NAMES: readonly string[] = Object.freeze(Object.keys(VALIDATE_OUTPUTS));
