import type { JsonObject } from '../../../manifests/json-value.ts';
import { applyFieldSpecs, mergeFieldSpecs, type FieldSpec } from '../field-specs.ts';
import {
  COMMON_LABELS_FIELD_SPECS,
  METADATA_LABELS_FIELD_SPECS,
  TEMPLATE_LABELS_FIELD_SPECS,
} from '../field-specs-defaults.ts';
import { setMapEntries } from './transform-map-entries.ts';
import { transformEach, type TransformResult } from './transform-result.ts';

/** How labels are applied: `commonLabels:` is `{ includeSelectors: true }`; `labels:` entries say. */
export interface LabelsOptions {
  /** Selectors too (COMMON_LABELS_FIELD_SPECS); implies templates. */
  includeSelectors?: boolean;
  /** Pod and job templates and volume claim templates too (TEMPLATE_LABELS_FIELD_SPECS). */
  includeTemplates?: boolean;
  /** A `labels:` entry's `fields`: more field specs, merged with the ones the flags choose. */
  fields?: readonly FieldSpec[];
  /** Replaces every field spec above (a LabelTransformer's own `fieldSpecs`). */
  fieldSpecs?: readonly FieldSpec[];
}

/** The field specs a `labels:` entry or `commonLabels:` uses, or undefined when `fields` conflict with them. */
export function labelFieldSpecs(options: LabelsOptions): FieldSpec[] | undefined {
  if (options.fieldSpecs !== undefined) return [...options.fieldSpecs];
  const defaults = options.includeSelectors
    ? COMMON_LABELS_FIELD_SPECS
    : options.includeTemplates
      ? TEMPLATE_LABELS_FIELD_SPECS
      : METADATA_LABELS_FIELD_SPECS;
  return mergeFieldSpecs(options.fields ?? [], defaults);
}

/**
 * kustomize's LabelTransformer: sets each label in every label map the field specs lead to,
 * creating the maps where a spec says `create` (so a Service without a selector gets one under
 * `commonLabels`, a Job's `spec.selector` is only changed when present). Label values are strings.
 */
export function transformLabels(
  resources: readonly JsonObject[],
  labels: Readonly<Record<string, string>>,
  options: LabelsOptions = {},
): TransformResult {
  if (Object.keys(labels).length === 0) return { resources: [...resources], errors: [] };
  const specs = labelFieldSpecs(options);
  if (specs === undefined)
    return {
      resources: [...resources],
      errors: [{ error: 'failed to merge labels: conflicting fieldspecs' }],
    };
  const visit = setMapEntries(labels);
  return transformEach(resources, (resource) => applyFieldSpecs(resource, specs, visit));
}
