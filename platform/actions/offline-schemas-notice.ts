/**
 * The offline schemas come from the `kubernetes-models` package, which the bundles leave out (it is
 * thousands of modules) and which an action's runner does not have (no node_modules). When the
 * `schema-locations` input asks for `offline` and the package cannot be loaded, this says so, once,
 * instead of every resource failing with a missing schema and no reason.
 */
export async function offlineSchemasNotice(
  locations: readonly string[],
  load: () => Promise<unknown> = () => import('kubernetes-models/v1/ConfigMap'),
): Promise<string | undefined> {
  if (!locations.includes('offline')) return undefined;
  try {
    await load();
    return undefined;
  } catch {
    return (
      'offline schemas unavailable: the kubernetes-models package is not installed where the action runs; ' +
      'list HTTP or local schema-locations instead of `offline`'
    );
  }
}
