import { OFFLINE_KUBERNETES_VERSION } from '../core/validate/offline-schemas.ts';

/**
 * The one home of the defaults the front doors share (the CLI, the Actions, the App). Each
 * `action.yml` repeats some of them as YAML (`test/actions/action-metadata.test.ts` checks that
 * they agree). The limits GitHub sets live once each beside the code they bound: the comment body
 * in core (`GITHUB_COMMENT_LIMIT` in `core/report/comment/render-comment.ts`, which the port's
 * `COMMENT_BODY_LIMIT` is), the job summary and outputs in `actions/summary-markdown.ts`.
 */

/** The Kubernetes version validated against when a schema location is used and none is asked for. */
export const DEFAULT_KUBERNETES_VERSION = '1.31.0';

/** The version the bundled offline schemas model, written x.y.z (`1.27.0`): what they honestly check. */
export const OFFLINE_KUBERNETES_VERSION_FULL = `${OFFLINE_KUBERNETES_VERSION}.0`;

/** Strict validation (no unknown fields, no duplicate keys) when a schema location is used. */
export const DEFAULT_STRICT = true;

/**
 * The Actions' default `schema-locations`: kubeconform's default location, then the community CRD
 * catalog (custom resources of popular operators). A runner has a network and no `node_modules`.
 *
 * A difference on purpose: `kubeproof check` without `-schema-location` uses the bundled offline
 * schemas instead (`CLI_CHECK_SCHEMA_LOCATIONS`), so a laptop check works without a network and asks
 * for no more than they can check (Kubernetes 1.27, not strict), unless a flag asks for more.
 */
export const DEFAULT_SCHEMA_LOCATIONS: readonly string[] = [
  'default',
  'https://raw.githubusercontent.com/datreeio/CRDs-catalog/main/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json',
];

/** `kubeproof check` without `-schema-location`: the bundled offline schemas (see above). */
export const CLI_CHECK_SCHEMA_LOCATIONS: readonly string[] = ['offline'];

/**
 * `kubeproof validate` keeps kubeconform's own default, `master`, as a drop-in for its command line
 * (another difference on purpose: the pull-request check pins a released version).
 */
export const KUBECONFORM_KUBERNETES_VERSION = 'master';

/** What the check and diff publish: the check run's name and the sticky comment's marker key. */
export const PUBLISH_NAMES = {
  check: { checkName: 'kubeproof', marker: 'report' },
  diff: { checkName: 'kubeproof diff', marker: 'diff' },
  policy: { checkName: 'kubeproof policy', marker: 'policy' },
} as const;
